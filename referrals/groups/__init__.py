"""Groups of the team's network: pages and services."""
