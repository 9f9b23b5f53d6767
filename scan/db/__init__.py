"""The only SQLAlchemy code: tables, connection and write queue, migrations, queries per aggregate."""
