"""The full-text index of keyword search, in the database itself, kept current by triggers.

PostgreSQL: directory_service.search_vector, a tsvector of the three search fields
(search_title weighs A, search_related B, search_text C), each read three ways: as written
('simple', for names and words no stemmer knows), English stems and Spanish stems. A trigger
rewrites it whenever a search field is written, and a GIN index finds the matches.

SQLite: directory_service_fts, an FTS5 table over the same three fields (content from
directory_service itself, porter stemming, accents ignored), kept current by triggers.
Django remakes an SQLite table to alter it, which drops its triggers: install() runs after
every migrate too (DirectoryConfig.ready), puts back what is missing and then rebuilds the
index from the table.

PostgreSQL also keeps directory_service_term, the same words as postings: one row per
service (by its number in directory_service_number) and word of its search_vector, with
the fields the word is in as a mask (the name 4, the related names 2, the description 1),
behind a btree on (word, number) that holds the mask too. A keyword's matches and their
score are read from that btree alone (an index-only scan, a prefix a range of words in C
order), not by checking thousands of tsvectors: see ServiceQuerySet.search() and the
design note in the README. An AFTER trigger writes a service's rows whenever its search
fields are written (named as the first trigger's are: a column trigger does not see what
a BEFORE trigger changed), and removes them with the service.

SQLite reads its postings from FTS5 itself: a word looked up in one column at a time
(`{search_title} : "word"*`) gives the rowids of the services that have it there, FTS5's
own list of rows, with no ranking. Both databases' rows feed the same scoring
(querysets.ranked_postings), so a keyword is ranked by one rule.

ServiceQuerySet.search() and ranked_matches() read both; Service.search_texts() says what
goes in.
"""

POSTGRESQL = """
CREATE OR REPLACE FUNCTION directory_service_search_vector() RETURNS trigger AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('simple', coalesce(NEW.search_title, '')), 'A')
        || setweight(to_tsvector('english', coalesce(NEW.search_title, '')), 'A')
        || setweight(to_tsvector('spanish', coalesce(NEW.search_title, '')), 'A')
        || setweight(to_tsvector('simple', coalesce(NEW.search_related, '')), 'B')
        || setweight(to_tsvector('english', coalesce(NEW.search_related, '')), 'B')
        || setweight(to_tsvector('spanish', coalesce(NEW.search_related, '')), 'B')
        || setweight(to_tsvector('simple', coalesce(NEW.search_text, '')), 'C')
        || setweight(to_tsvector('english', coalesce(NEW.search_text, '')), 'C')
        || setweight(to_tsvector('spanish', coalesce(NEW.search_text, '')), 'C');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS directory_service_search_vector ON directory_service;
CREATE TRIGGER directory_service_search_vector
    BEFORE INSERT OR UPDATE OF search_title, search_related, search_text ON directory_service
    FOR EACH ROW EXECUTE FUNCTION directory_service_search_vector();
CREATE INDEX IF NOT EXISTS service_search_vector_idx
    ON directory_service USING gin (search_vector);
DROP INDEX IF EXISTS service_search_gin_idx;
CREATE INDEX IF NOT EXISTS service_verified_idx
    ON directory_service (assured_date DESC NULLS LAST, name, id);
"""

# The postings: the rows of a service follow its search_vector. Each service has a number
# (directory_service_number), so a posting is small and a keyword's matches come back as
# 4-byte numbers, which the facet index maps to its own positions by a list. Removing a
# service's rows looks them up by its own words, so the one btree serves reads and writes.
POSTGRESQL_TERMS = """
CREATE TABLE IF NOT EXISTS directory_service_number (
    number serial PRIMARY KEY,
    service_id uuid NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS directory_service_term (
    word text COLLATE "C" NOT NULL,
    number integer NOT NULL,
    fields smallint NOT NULL
);
CREATE INDEX IF NOT EXISTS directory_service_term_idx
    ON directory_service_term (word, number) INCLUDE (fields);
CREATE OR REPLACE FUNCTION directory_service_terms() RETURNS trigger AS $$
DECLARE
    found integer;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        TRUNCATE directory_service_term, directory_service_number;
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.search_vector IS NOT DISTINCT FROM NEW.search_vector THEN
        RETURN NULL;
    END IF;
    SELECT number INTO found FROM directory_service_number
        WHERE service_id = CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END;
    IF found IS NULL AND TG_OP <> 'DELETE' THEN
        INSERT INTO directory_service_number (service_id) VALUES (NEW.id)
            RETURNING number INTO found;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        -- Only the words that came, went or moved between fields: an edit writes a few.
        DELETE FROM directory_service_term WHERE number = found AND word = ANY(ARRAY(
            SELECT lexeme FROM (
                SELECT lexeme, {fields} FROM unnest(OLD.search_vector)
                EXCEPT SELECT lexeme, {fields} FROM unnest(NEW.search_vector)
            ) went
        ));
        INSERT INTO directory_service_term (word, number, fields)
            SELECT lexeme, found, {fields} FROM unnest(NEW.search_vector)
            EXCEPT SELECT lexeme, found, {fields} FROM unnest(OLD.search_vector);
    ELSIF TG_OP = 'DELETE' THEN
        DELETE FROM directory_service_term
        WHERE word = ANY(tsvector_to_array(OLD.search_vector)) AND number = found;
        DELETE FROM directory_service_number WHERE number = found;
    ELSIF NEW.search_vector IS NOT NULL THEN
        INSERT INTO directory_service_term (word, number, fields)
        SELECT lexeme, found, {fields} FROM unnest(NEW.search_vector);
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS directory_service_terms ON directory_service;
CREATE TRIGGER directory_service_terms
    AFTER INSERT OR DELETE
    OR UPDATE OF search_title, search_related, search_text, search_vector ON directory_service
    FOR EACH ROW EXECUTE FUNCTION directory_service_terms();
DROP TRIGGER IF EXISTS directory_service_terms_truncate ON directory_service;
CREATE TRIGGER directory_service_terms_truncate
    AFTER TRUNCATE ON directory_service
    FOR EACH STATEMENT EXECUTE FUNCTION directory_service_terms();
"""
# The fields a word of unnest(tsvector) is in, as a mask: A (the name) 4, B 2, C 1.
FIELDS_MASK = (
    "(CASE WHEN 'A' = ANY(weights) THEN 4 ELSE 0 END"
    " + CASE WHEN 'B' = ANY(weights) THEN 2 ELSE 0 END"
    " + CASE WHEN 'C' = ANY(weights) THEN 1 ELSE 0 END)"
)
POSTGRESQL_TERMS = POSTGRESQL_TERMS.replace("{fields}", FIELDS_MASK)
POSTGRESQL_TERMS_DROP = """
DROP TRIGGER IF EXISTS directory_service_terms ON directory_service;
DROP TRIGGER IF EXISTS directory_service_terms_truncate ON directory_service;
DROP FUNCTION IF EXISTS directory_service_terms();
DROP TABLE IF EXISTS directory_service_term;
DROP TABLE IF EXISTS directory_service_number;
"""
# The numbers and postings of the services there are (a database from before them): in
# two statements, with the btree made after.
POSTGRESQL_TERMS_FILL = (
    POSTGRESQL_TERMS_DROP
    + POSTGRESQL_TERMS.replace(
        "CREATE INDEX IF NOT EXISTS directory_service_term_idx\n"
        "    ON directory_service_term (word, number) INCLUDE (fields);",
        "",
    )
    + f"""
INSERT INTO directory_service_number (service_id)
    SELECT id FROM directory_service ORDER BY name, id;
INSERT INTO directory_service_term (word, number, fields)
    SELECT lexeme, x.number, {FIELDS_MASK}
    FROM directory_service s JOIN directory_service_number x ON x.service_id = s.id,
        unnest(s.search_vector);
CREATE INDEX directory_service_term_idx
    ON directory_service_term (word, number) INCLUDE (fields);
ANALYZE directory_service_term, directory_service_number;
"""
)

POSTGRESQL_DROP = """
DROP TRIGGER IF EXISTS directory_service_search_vector ON directory_service;
DROP FUNCTION IF EXISTS directory_service_search_vector();
DROP INDEX IF EXISTS service_search_vector_idx;
DROP INDEX IF EXISTS service_verified_idx;
CREATE INDEX IF NOT EXISTS service_search_gin_idx ON directory_service
    USING gin (to_tsvector('english'::regconfig, COALESCE(search_text, '')));
"""

FIELDS = "search_title, search_related, search_text"
NEW = "new.search_title, new.search_related, new.search_text"
OLD = "old.search_title, old.search_related, old.search_text"
SQLITE_TABLE = f"""
CREATE VIRTUAL TABLE IF NOT EXISTS directory_service_fts USING fts5(
    id UNINDEXED, {FIELDS},
    content='directory_service', content_rowid='rowid',
    tokenize='porter unicode61 remove_diacritics 2'
)
"""
SQLITE_TRIGGERS = {
    "directory_service_fts_insert": f"""
        CREATE TRIGGER directory_service_fts_insert AFTER INSERT ON directory_service BEGIN
            INSERT INTO directory_service_fts(rowid, id, {FIELDS})
            VALUES (new.rowid, new.id, {NEW});
        END""",
    "directory_service_fts_delete": f"""
        CREATE TRIGGER directory_service_fts_delete AFTER DELETE ON directory_service BEGIN
            INSERT INTO directory_service_fts(directory_service_fts, rowid, id, {FIELDS})
            VALUES ('delete', old.rowid, old.id, {OLD});
        END""",
    "directory_service_fts_update": f"""
        CREATE TRIGGER directory_service_fts_update AFTER UPDATE ON directory_service BEGIN
            INSERT INTO directory_service_fts(directory_service_fts, rowid, id, {FIELDS})
            VALUES ('delete', old.rowid, old.id, {OLD});
            INSERT INTO directory_service_fts(rowid, id, {FIELDS})
            VALUES (new.rowid, new.id, {NEW});
        END""",
}
SQLITE_INDEX = (
    "CREATE INDEX IF NOT EXISTS service_verified_idx "
    "ON directory_service (assured_date DESC, name, id)"
)


def install(connection):
    """Create what is missing of the index on this database; safe to repeat."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(POSTGRESQL)
            cursor.execute("SELECT to_regclass('directory_service_number') IS NULL")
            (fill,) = cursor.fetchone()
            cursor.execute(POSTGRESQL_TERMS_FILL if fill else POSTGRESQL_TERMS)
            return
        if connection.vendor != "sqlite":
            return
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
            ["directory_service"],
        )
        present = {name for (name,) in cursor.fetchall()}
        cursor.execute(SQLITE_TABLE)
        cursor.execute(SQLITE_INDEX)
        missing = [sql for name, sql in SQLITE_TRIGGERS.items() if name not in present]
        for sql in missing:
            cursor.execute(sql)
        if missing:
            cursor.execute(
                "INSERT INTO directory_service_fts(directory_service_fts) VALUES ('rebuild')"
            )


def uninstall(connection):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(POSTGRESQL_TERMS_DROP)
            cursor.execute(POSTGRESQL_DROP)
        elif connection.vendor == "sqlite":
            for name in SQLITE_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute("DROP TABLE IF EXISTS directory_service_fts")
            cursor.execute("DROP INDEX IF EXISTS service_verified_idx")


def after_migrate(sender, using, **kwargs):
    """post_migrate: put back triggers a remade table lost, and fill the search fields of
    services saved before they existed."""
    from django.db import connections

    from directory.models import Service

    connection = connections[using]
    if "directory_service" not in connection.introspection.table_names():
        return  # migrated back to before the directory
    install(connection)
    Service.objects.using(using).filter(search_title="").exclude(name="").refresh_search_text()
