"""Pages that belong to no single feature: the landing page, errors, template helpers."""
