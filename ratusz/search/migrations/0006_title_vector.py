"""PostgreSQL: a tsvector of the title alone, with its own GIN index.

Candidates for a very common word start with the matches in the title; with
a weight-restricted query on the combined vector the planner cannot tell how
few those are and walks the whole table. Its own column has its own
statistics. SQLite needs nothing (FTS5 filters by column).
"""

from django.db import migrations

FORWARD = [
    """ALTER TABLE search_document ADD COLUMN title_vector tsvector
        GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, coalesce(title_norm, ''))) STORED""",
    "CREATE INDEX search_document_title_gin ON search_document USING gin (title_vector)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS search_document_title_gin",
    "ALTER TABLE search_document DROP COLUMN IF EXISTS title_vector",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0005_municipal_thesaurus")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
