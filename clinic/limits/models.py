from django.db import models


class Counter(models.Model):
    """How often one subject (a hashed client, a form token) was seen in one time window of one scope.

    Used only when no Redis is configured; rows are written by ``counters.py`` with an
    atomic upsert, so every worker counts on the same row. Holds no address: subjects
    are keyed hashes or random token ids.
    """

    scope = models.CharField(max_length=50)
    subject = models.CharField(max_length=64)
    period = models.BigIntegerField(help_text="The window's number: seconds since 1970 divided by its length.")
    hits = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "subject", "period"], name="limits_counter_unique_window"),
        ]

    def __str__(self):
        return f"{self.scope} {self.subject[:8]}… {self.hits}"
