"""Loading inventories: extracts of record ids and their event dates (CSV or XLSX).

An inventory is one row per record: a pseudonymous id, one column per event date (ISO,
dd/mm/yyyy, a timestamp, or an Excel date), optionally a stage column (active | archive).
``load_inventory`` streams the file into the ``inventory_record`` table of one activity's
data category, replacing the previous inventory of that category, in ONE transaction: bad
input, a cancellation or a killed process leave the register exactly as it was.

Speed (1,000,000 rows in about 2.5 times the sqlite3 shell's ``.import`` of the same file,
see ``benchmarks/inventory_load.py``):
- rows are read one by one (csv module, or calamine's row iterator) and inserted in
  batches of 10,000, a hundred rows per INSERT statement through the DBAPI cursor, not the
  ORM (on PostgreSQL with ``COPY``, each batch under a savepoint so that a duplicate can
  still be named);
- a cell is validated once: the stored form of every distinct cell text is cached (an
  extract has few distinct dates), ISO dates are checked with ``date.fromisoformat`` and
  stored as they are (SQLAlchemy's ``Date`` on SQLite is ISO text);
- a big load drops the unique index (record_id, inventory_id) and builds it again at the
  end, a sort SQLite spreads over the cores; a small one sorts each batch by record id so
  that the index is filled page by page; the SQLite page cache is enlarged for the duration
  of the load (a connection setting, restored afterwards; ``synchronous`` is never touched);
- the inventory keeps the range of row ids its load inserted, which its reads scan instead
  of an index on inventory_id that a big load would have to build too;
- a duplicate id is caught by that unique index; only then is the file read again, a
  batch at a time, to name both rows.


The package's modules, in the order a load goes through them: ``model`` (the spec, the
result, the errors), ``files`` (opening a CSV or a workbook, reading it a batch at a time),
``cells`` (a date, an id, a stage), ``layout`` (which column is what), ``convert`` (rows to
inserted values and statements), ``load`` (the transaction), ``preview`` (before a load).
"""

from storage.inventory.cells import parse_date_text
from storage.inventory.files import BATCH_SIZE
from storage.inventory.load import inventory_events, load_inventory
from storage.inventory.model import InventoryError, InventorySpec, LoadResult
from storage.inventory.preview import (
    InventoryCheck,
    InventoryPreview,
    check_inventory,
    preview_inventory,
)

__all__ = [
    "BATCH_SIZE",
    "InventoryCheck",
    "InventoryError",
    "InventoryPreview",
    "InventorySpec",
    "LoadResult",
    "check_inventory",
    "inventory_events",
    "load_inventory",
    "parse_date_text",
    "preview_inventory",
]
