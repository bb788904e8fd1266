"""Page composition: the landing page and the pages that gather several features."""
