"""Pagination whose deep pages cost little more than the first."""

from django.core.paginator import Paginator


class KeyFirstPaginator(Paginator):
    """Finds a page's primary keys first, then loads just those rows.

    With OFFSET, PostgreSQL still builds every skipped row, annotations and subqueries
    included, so page 1,000 of a list would compute 10,000 rows' worth of them. Skipping over
    primary keys alone reads only the ordering index; the full query then runs for one page.
    """

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        keys = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        rows = {row.pk: row for row in self.object_list.filter(pk__in=keys)} if keys else {}
        return self._get_page([rows[key] for key in keys if key in rows], number, self)
