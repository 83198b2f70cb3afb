"""Bulk analysis of many dossiers: discover, extract in parallel (local cores or Dask), tabulate, report."""
