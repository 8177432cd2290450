"""Full-text structures per engine, over the lemmatised, folded columns.

SQLite: an external-content FTS5 table kept in sync by triggers, so every
write to search_document (ORM, bulk, delete) reaches it.
PostgreSQL: a generated tsvector (title weight A, body weight B, 'simple'
configuration, since the text is already lemmatised) with a GIN index.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE search_document_fts USING fts5(
        title_norm, body_norm,
        content='search_document', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0'
    )""",
    """CREATE TRIGGER search_document_fts_ai AFTER INSERT ON search_document BEGIN
        INSERT INTO search_document_fts(rowid, title_norm, body_norm)
        VALUES (new.id, new.title_norm, new.body_norm);
    END""",
    """CREATE TRIGGER search_document_fts_ad AFTER DELETE ON search_document BEGIN
        INSERT INTO search_document_fts(search_document_fts, rowid, title_norm, body_norm)
        VALUES ('delete', old.id, old.title_norm, old.body_norm);
    END""",
    """CREATE TRIGGER search_document_fts_au AFTER UPDATE ON search_document BEGIN
        INSERT INTO search_document_fts(search_document_fts, rowid, title_norm, body_norm)
        VALUES ('delete', old.id, old.title_norm, old.body_norm);
        INSERT INTO search_document_fts(rowid, title_norm, body_norm)
        VALUES (new.id, new.title_norm, new.body_norm);
    END""",
    "INSERT INTO search_document_fts(search_document_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_document_fts_au",
    "DROP TRIGGER IF EXISTS search_document_fts_ad",
    "DROP TRIGGER IF EXISTS search_document_fts_ai",
    "DROP TABLE IF EXISTS search_document_fts",
]
POSTGRES_FORWARD = [
    """ALTER TABLE search_document ADD COLUMN search_vector tsvector
        GENERATED ALWAYS AS (
            setweight(to_tsvector('simple'::regconfig, coalesce(title_norm, '')), 'A') ||
            setweight(to_tsvector('simple'::regconfig, coalesce(body_norm, '')), 'B')
        ) STORED""",
    "CREATE INDEX search_document_vector_gin ON search_document USING gin (search_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_document_vector_gin",
    "ALTER TABLE search_document DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
