"""Small SQL functions Django does not ship."""

from django.db.models import Func, IntegerField


class DaysBetween(Func):
    """later − earlier in whole days, as an integer: PostgreSQL subtracts dates natively, which is
    several times cheaper over a million rows than Django's interval arithmetic."""

    output_field = IntegerField()
    arity = 2
    template = "(%(expressions)s)"
    arg_joiner = " - "

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="CAST(julianday(%(expressions)s) AS INTEGER)",
                           arg_joiner=") - julianday(", **extra)
