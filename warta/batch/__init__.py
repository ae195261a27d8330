"""Running the per-article pipeline over many articles: locally now, Dask and Spark later,
always with the same per-article code."""
