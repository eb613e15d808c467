"""Counters shared by every worker and server: rate limits and single-use form tokens (see counters.py)."""
