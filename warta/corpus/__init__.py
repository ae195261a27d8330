"""What spans documents: near-duplicates, stories, search, timelines and exports."""
