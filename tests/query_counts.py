"""What every query count in the tests shares."""

# A page that shows cached renderings reads their versions once per request
# (clinic/cache_versions.py): one query, since the tests run without Redis as the demo does.
VERSIONS_READ = 1
