/*
 * Schema migrations. migrations[i] takes a file from user_version i to i+1.
 * Never edit a migration that has shipped: add a new one and bump
 * DB_SCHEMA_VERSION.
 */
#include <stddef.h>
#include "motcua/store/schema.h"

static const char *const migrations[] = {
	/* 0 -> 1: the queue. */
	"CREATE TABLE settings ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL"
	") STRICT;"
	"CREATE TABLE business_day ("
	"  id INTEGER PRIMARY KEY CHECK (id = 1),"
	"  day INTEGER NOT NULL"
	") STRICT;"
	"CREATE TABLE services ("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  prefix TEXT NOT NULL DEFAULT '',"
	"  range_start INTEGER NOT NULL,"
	"  range_end INTEGER NOT NULL,"
	"  daily_cap INTEGER NOT NULL DEFAULT 0 CHECK (daily_cap >= 0),"
	"  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"
	"  position INTEGER NOT NULL DEFAULT 0,"
	"  est_service_s INTEGER NOT NULL DEFAULT 0 CHECK (est_service_s >= 0),"
	"  CHECK (range_start >= 0 AND range_end >= range_start)"
	") STRICT;"
	"CREATE TABLE counters ("
	"  id INTEGER PRIMARY KEY,"
	"  number INTEGER NOT NULL UNIQUE CHECK (number > 0),"
	"  name TEXT NOT NULL,"
	"  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'paused', 'closed')),"
	"  pause_reason TEXT NOT NULL DEFAULT '',"
	"  officer TEXT NOT NULL DEFAULT '',"
	"  current_ticket INTEGER REFERENCES tickets(id),"
	"  normals_since_priority INTEGER NOT NULL DEFAULT 0"
	") STRICT;"
	"CREATE TABLE counter_services ("
	"  counter_id INTEGER NOT NULL REFERENCES counters(id) ON DELETE CASCADE,"
	"  service_id INTEGER NOT NULL REFERENCES services(id),"
	"  position INTEGER NOT NULL,"
	"  PRIMARY KEY (counter_id, service_id)"
	") STRICT;"
	"CREATE TABLE sequences ("
	"  service_id INTEGER NOT NULL REFERENCES services(id),"
	"  day INTEGER NOT NULL,"
	"  last_seq INTEGER NOT NULL,"
	"  PRIMARY KEY (service_id, day)"
	") STRICT;"
	"CREATE TABLE tickets ("
	"  id INTEGER PRIMARY KEY,"
	"  service_id INTEGER NOT NULL REFERENCES services(id),"
	"  day INTEGER NOT NULL,"
	"  seq INTEGER NOT NULL CHECK (seq > 0),"
	"  number TEXT NOT NULL,"
	"  priority INTEGER NOT NULL DEFAULT 0 CHECK (priority IN (0, 1)),"
	"  status TEXT NOT NULL CHECK (status IN ('waiting', 'called', 'serving', 'done',"
	"    'noshow', 'transferred', 'cancelled', 'expired', 'void')),"
	"  counter INTEGER,"
	"  target_counter INTEGER,"
	"  officer TEXT NOT NULL DEFAULT '',"
	"  recalls INTEGER NOT NULL DEFAULT 0,"
	"  issued_ms INTEGER NOT NULL,"
	"  line_ms INTEGER NOT NULL,"
	"  enq_ms INTEGER NOT NULL,"
	"  enq_mono INTEGER NOT NULL,"
	"  enq_boot INTEGER NOT NULL,"
	"  called_ms INTEGER,"
	"  called_mono INTEGER,"
	"  called_boot INTEGER,"
	"  finished_ms INTEGER,"
	"  wait_ms INTEGER,"
	"  service_ms INTEGER,"
	"  transferred_from INTEGER REFERENCES tickets(id)"
	") STRICT;"
	/* A number is handed out once per service and day; transfers reuse it. */
	"CREATE UNIQUE INDEX tickets_seq ON tickets(service_id, day, seq)"
	"  WHERE transferred_from IS NULL;"
	"CREATE INDEX tickets_waiting ON tickets(day, line_ms) WHERE status = 'waiting';"
	"CREATE INDEX tickets_day ON tickets(day, service_id);"
	"CREATE INDEX tickets_number ON tickets(day, number);"
	"CREATE TABLE events ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  at_ms INTEGER NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  ticket_id INTEGER REFERENCES tickets(id),"
	"  number TEXT NOT NULL DEFAULT '',"
	"  counter INTEGER NOT NULL DEFAULT 0,"
	"  service_code TEXT NOT NULL DEFAULT '',"
	"  officer TEXT NOT NULL DEFAULT '',"
	"  detail TEXT NOT NULL DEFAULT ''"
	") STRICT;",

	/* 1 -> 2: satisfaction ratings and device (printer) status. */
	"ALTER TABLE tickets ADD COLUMN rating INTEGER NOT NULL DEFAULT 0"
	"  CHECK (rating BETWEEN 0 AND 4);"
	"ALTER TABLE tickets ADD COLUMN rated_ms INTEGER;"
	"CREATE TABLE devices ("
	"  name TEXT PRIMARY KEY,"
	"  kind TEXT NOT NULL,"
	"  status TEXT NOT NULL,"
	"  detail TEXT,"
	"  updated_ms INTEGER NOT NULL"
	") STRICT;",

	/* 2 -> 3: a wrong clock never loses the line (day.h). The business day
	 * keeps when it ends and the last write's clock stamp; each rollover
	 * records the tickets it expired and their state, so it can be undone.
	 * And the PIN lockout moves from kiosk memory into the database. */
	"ALTER TABLE business_day ADD COLUMN ends_ms INTEGER;"
	"ALTER TABLE business_day ADD COLUMN seen_wall_ms INTEGER;"
	"ALTER TABLE business_day ADD COLUMN seen_mono_ms INTEGER;"
	"ALTER TABLE business_day ADD COLUMN seen_boot INTEGER;"
	"CREATE TABLE rollovers ("
	"  id INTEGER PRIMARY KEY,"
	"  from_day INTEGER NOT NULL,"
	"  to_day INTEGER NOT NULL,"
	"  at_ms INTEGER NOT NULL,"
	"  why TEXT NOT NULL"
	") STRICT;"
	"CREATE TABLE rollover_expired ("
	"  rollover_id INTEGER NOT NULL REFERENCES rollovers(id),"
	"  ticket_id INTEGER NOT NULL REFERENCES tickets(id),"
	"  status TEXT NOT NULL CHECK (status IN ('waiting', 'called', 'serving')),"
	"  PRIMARY KEY (rollover_id, ticket_id)"
	") STRICT;"
	"CREATE INDEX rollover_expired_ticket ON rollover_expired(ticket_id);"
	/* The admin PIN's lockout survives a restart (pin.h). */
	"CREATE TABLE pin_guard ("
	"  id INTEGER PRIMARY KEY CHECK (id = 1),"
	"  failures INTEGER NOT NULL DEFAULT 0,"
	"  locks INTEGER NOT NULL DEFAULT 0,"
	"  locked_until_ms INTEGER NOT NULL DEFAULT 0"
	") STRICT;",

	/*
	 * 3 -> 4: the print outcome and the print layer's own tables.
	 * A ticket whose paper may exist but was not confirmed stays valid and
	 * says so (print_unconfirmed). What each printer holds in NV memory
	 * moves from hand-parsed devices rows ("nv:<spec>", detail "fp=... H0=...")
	 * into printer_nv / printer_nv_images, converted here; printer_jobs
	 * remembers a job that was not confirmed, so the next one clears the
	 * printer first (src/core/print/printer_store.c owns these tables).
	 */
	"ALTER TABLE tickets ADD COLUMN print_unconfirmed INTEGER NOT NULL DEFAULT 0"
	"  CHECK (print_unconfirmed IN (0, 1));"
	"CREATE INDEX tickets_print_unconfirmed ON tickets(day) WHERE print_unconfirmed = 1;"
	"CREATE TABLE printer_nv ("
	"  printer TEXT PRIMARY KEY,"
	"  fingerprint TEXT NOT NULL,"
	"  updated_ms INTEGER NOT NULL"
	") STRICT;"
	"CREATE TABLE printer_nv_images ("
	"  printer TEXT NOT NULL REFERENCES printer_nv(printer) ON DELETE CASCADE,"
	"  key TEXT NOT NULL CHECK (length(key) = 2),"
	"  hash TEXT NOT NULL,"
	"  PRIMARY KEY (printer, key)"
	") WITHOUT ROWID, STRICT;"
	"CREATE TABLE printer_jobs ("
	"  printer TEXT PRIMARY KEY,"
	"  pad INTEGER NOT NULL CHECK (pad >= 0),"
	"  prints INTEGER NOT NULL CHECK (prints IN (0, 1)),"
	"  ticket_id INTEGER REFERENCES tickets(id),"
	"  started_ms INTEGER NOT NULL"
	") STRICT;"
	"INSERT OR REPLACE INTO printer_nv(printer, fingerprint, updated_ms)"
	"  SELECT substr(name, 4), substr(detail, 4, 16), updated_ms FROM devices"
	"  WHERE kind = 'printer_nv' AND name LIKE 'nv:%' AND detail LIKE 'fp=%';"
	"WITH RECURSIVE split(printer, rest, item) AS ("
	"  SELECT substr(name, 4), detail || ' ', NULL FROM devices"
	"  WHERE kind = 'printer_nv' AND name LIKE 'nv:%' AND detail LIKE 'fp=%'"
	"  UNION ALL"
	"  SELECT printer, substr(rest, instr(rest, ' ') + 1), substr(rest, 1, instr(rest, ' ') - 1)"
	"  FROM split WHERE rest <> '')"
	"INSERT OR REPLACE INTO printer_nv_images(printer, key, hash)"
	"  SELECT printer, substr(item, 1, 2), substr(item, 4) FROM split"
	"  WHERE length(item) = 19 AND substr(item, 3, 1) = '=' AND substr(item, 1, 3) <> 'fp=';"
	"DELETE FROM devices WHERE kind = 'printer_nv';",

	/*
	 * 4 -> 5: the order of issue, the queue's rules as views, idempotent
	 * requests, and indexes that keep the hot paths independent of history.
	 *
	 * line_seq is the ticket's place in the day's line: 1, 2, 3... in order
	 * of issue, never the wall clock (a clock stepped back must not reorder
	 * the line). A transfer copy keeps its original's place. Existing rows
	 * are numbered per day in (line_ms, id) order; copies take their root's.
	 */
	"ALTER TABLE tickets ADD COLUMN line_seq INTEGER NOT NULL DEFAULT 0;"
	"UPDATE tickets SET line_seq = o.n FROM (SELECT id, row_number() OVER"
	"  (PARTITION BY day ORDER BY line_ms, id) AS n FROM tickets"
	"  WHERE transferred_from IS NULL) AS o WHERE o.id = tickets.id;"
	"WITH RECURSIVE up(id, anc) AS ("
	"  SELECT id, transferred_from FROM tickets WHERE transferred_from IS NOT NULL"
	"  UNION ALL SELECT up.id, p.transferred_from FROM up JOIN tickets p ON p.id = up.anc"
	"  WHERE p.transferred_from IS NOT NULL)"
	" UPDATE tickets SET line_seq = root.line_seq FROM up JOIN tickets root"
	"  ON root.id = up.anc WHERE up.id = tickets.id AND root.transferred_from IS NULL;"
	/* Call order (status, day, class, place), the day's expiry (status) and
	 * the no-show lists; the next place of a day; the screens' recent calls. */
	"DROP INDEX tickets_waiting;"
	"CREATE INDEX tickets_state ON tickets(status, day, priority, line_seq);"
	"CREATE INDEX tickets_line ON tickets(day, line_seq);"
	"CREATE INDEX events_kind ON events(kind, at_ms);"
	/*
	 * The queue's predicates, each defined here once and used by call-next,
	 * the officer's list, the screens, the cap, the reports and `check`
	 * (see queue.h). Views rather than C strings so that any reader of the
	 * file, the sqlite3 shell included, sees the same rules. Changing one
	 * takes a migration that drops and recreates the view.
	 *
	 * ticket_rules: what a row's status means.
	 *   holds_number    its number may not be handed out again today (a
	 *                   citizen waits, is at a counter, or may come back)
	 *   at_counter      a counter is handling it (called or serving)
	 *   is_open         closed as expired when its day is over
	 *   counts_for_cap  handed to a citizen: not voided, not a transfer copy
	 */
	"CREATE VIEW ticket_rules AS SELECT id, day, service_id, number, status, priority,"
	"  line_seq, counter,"
	"  status IN ('waiting', 'called', 'serving', 'noshow') AS holds_number,"
	"  status IN ('called', 'serving') AS at_counter,"
	"  status IN ('waiting', 'called', 'serving') AS is_open,"
	"  transferred_from IS NULL AND status <> 'void' AS counts_for_cap"
	"  FROM tickets;"
	/* callable: counter_id may call ticket_id: it waits, and it was sent
	 * to that counter, or to no counter in particular and the counter
	 * serves its field. Callers filter on day (today), and on counter_id
	 * for one counter's line. Two disjoint halves joined by UNION ALL, so
	 * that reading every counter's line (people ahead) is one join, not a
	 * test of every waiting ticket against every counter. */
	"CREATE INDEX counter_services_service ON counter_services(service_id, counter_id);"
	"CREATE VIEW callable AS"
	"  SELECT t.id AS ticket_id, c.id AS counter_id, c.number AS counter, t.day,"
	"  t.priority, t.line_seq, t.service_id"
	"  FROM tickets t JOIN counters c ON c.number = t.target_counter"
	"  WHERE t.status = 'waiting'"
	" UNION ALL"
	"  SELECT t.id, c.id, c.number, t.day, t.priority, t.line_seq, t.service_id"
	"  FROM tickets t JOIN counter_services cs ON cs.service_id = t.service_id"
	"  JOIN counters c ON c.id = cs.counter_id"
	"  WHERE t.status = 'waiting' AND t.target_counter IS NULL;"
	/* service_day: per field and day, the counts the kiosk and the cap
	 * use; full = the daily cap is reached (a field without tickets that
	 * day has no row and is not full). Filter on day (and service_id). */
	"CREATE VIEW service_day AS SELECT s.id AS service_id, r.day,"
	"  sum(r.status = 'waiting') AS waiting,"
	"  sum(r.status = 'waiting' AND r.priority) AS waiting_priority,"
	"  sum(r.counts_for_cap) AS issued,"
	"  s.daily_cap > 0 AND sum(r.counts_for_cap) >= s.daily_cap AS full"
	"  FROM services s JOIN ticket_rules r ON r.service_id = s.id GROUP BY s.id, r.day;"
	/*
	 * Idempotent writes (queue.h): the first outcome of each request id,
	 * per business day, written in the operation's own transaction. op is
	 * the operation and its arguments; ticket is the ticket returned, as a
	 * JSON array of the ticket columns (TICKET_COLUMNS in queue.c).
	 */
	"CREATE TABLE requests ("
	"  day INTEGER NOT NULL,"
	"  id TEXT NOT NULL,"
	"  op TEXT NOT NULL,"
	"  code INTEGER NOT NULL,"
	"  message TEXT NOT NULL DEFAULT '',"
	"  ticket TEXT,"
	"  ahead INTEGER NOT NULL DEFAULT 0,"
	"  est_wait_s INTEGER NOT NULL DEFAULT 0,"
	"  at_ms INTEGER NOT NULL,"
	"  PRIMARY KEY (day, id)"
	") STRICT, WITHOUT ROWID;",

	/*
	 * 5 -> 6: a field's group. A desk with more fields than the kiosk's
	 * first screen can show gives each field a group (e.g. "Tư pháp – Hộ
	 * tịch"); the kiosk then shows one tile per group and the group's
	 * fields behind it. '' = no group.
	 */
	"ALTER TABLE services ADD COLUMN group_name TEXT NOT NULL DEFAULT '';",

	/*
	 * 6 -> 7: the LAN server (motcuad). tokens: one row per device allowed
	 * to use its API, with the device's role, its counter (counter and
	 * rating roles) and only a hash of its token (store/tokens.c).
	 * server_info: what the running server last recorded about itself, so
	 * `motcua token add` can print the address and the TLS fingerprint.
	 */
	"CREATE TABLE tokens ("
	"  name TEXT PRIMARY KEY,"
	"  role TEXT NOT NULL CHECK (role IN ('kiosk', 'display', 'counter', 'admin', 'rating')),"
	"  counter INTEGER CHECK (counter BETWEEN 1 AND 999),"
	"  hash TEXT NOT NULL UNIQUE,"
	"  created_ms INTEGER NOT NULL"
	") STRICT;"
	"CREATE TABLE server_info ("
	"  id INTEGER PRIMARY KEY CHECK (id = 1),"
	"  url TEXT NOT NULL,"
	"  tls_fingerprint TEXT NOT NULL,"
	"  tls_pin TEXT NOT NULL,"
	"  started_ms INTEGER NOT NULL"
	") STRICT;",

	/*
	 * 7 -> 8: the ticket's status page. public_token: 16 random bytes as
	 * 22 characters of base64url, set at issue, printed on the paper as a
	 * QR code for PUBLIC_URL/t/TOKEN; it lets the citizen's phone read that
	 * ticket's status and nothing else, on its business day only
	 * (queue_find_public). NULL for tickets issued before this version and
	 * for transfer copies (the lookup follows the transfer chain).
	 */
	("ALTER TABLE tickets ADD COLUMN public_token TEXT;"
	"CREATE UNIQUE INDEX tickets_public_token ON tickets(public_token);"),

	/*
	 * 8 -> 9: what a printer holds is keyed by the printer, not by the
	 * string naming it (printer_store.h): records move from the full string
	 * ("file:/dev/usb/lp0?timeout=600") to the device alone
	 * ("file:/dev/usb/lp0"; "/dev/ttyS0" becomes "serial:/dev/ttyS0", a tcp:
	 * address gains the default port), the most recent record winning when
	 * two strings named one printer. Each NV image keeps its size (for the
	 * free-space check before an upload), and NV writes are counted per day
	 * (printer_nv_wear), since the makers advise about ten a day.
	 */
	"ALTER TABLE printer_nv_images ADD COLUMN bytes INTEGER NOT NULL DEFAULT 0 CHECK (bytes >= 0);"
	"CREATE TABLE printer_nv_wear ("
	"  printer TEXT PRIMARY KEY,"
	"  day INTEGER NOT NULL,"
	"  writes INTEGER NOT NULL CHECK (writes >= 0)"
	") STRICT;"
	"CREATE TEMP TABLE printer_ids_9(kind TEXT, old TEXT, new TEXT, at_ms INTEGER);"
	"INSERT INTO printer_ids_9 SELECT kind, old,"
	"  CASE WHEN b LIKE '/%' THEN 'serial:' || b"
	"  WHEN b LIKE 'tcp:%' AND (instr(substr(b, 5), ':') = 0 OR b LIKE '%]') THEN b || ':9100'"
	"  ELSE b END, at_ms FROM ("
	"  SELECT 'nv' AS kind, printer AS old, substr(printer, 1, instr(printer || '?', '?') - 1) AS b,"
	"  updated_ms AS at_ms FROM printer_nv UNION ALL"
	"  SELECT 'job', printer, substr(printer, 1, instr(printer || '?', '?') - 1), started_ms"
	"  FROM printer_jobs);"
	"DELETE FROM printer_ids_9 WHERE EXISTS (SELECT 1 FROM printer_ids_9 o WHERE o.kind ="
	"  printer_ids_9.kind AND o.new = printer_ids_9.new AND (o.at_ms > printer_ids_9.at_ms"
	"  OR (o.at_ms = printer_ids_9.at_ms AND o.old > printer_ids_9.old)));"
	"DELETE FROM printer_nv WHERE printer NOT IN (SELECT old FROM printer_ids_9 WHERE kind = 'nv');"
	"DELETE FROM printer_jobs WHERE printer NOT IN"
	"  (SELECT old FROM printer_ids_9 WHERE kind = 'job');"
	"INSERT INTO printer_nv(printer, fingerprint, updated_ms) SELECT i.new, n.fingerprint,"
	"  n.updated_ms FROM printer_nv n JOIN printer_ids_9 i ON i.kind = 'nv' AND i.old = n.printer"
	"  WHERE i.new <> i.old;"
	"INSERT INTO printer_nv_images(printer, key, hash) SELECT i.new, m.key, m.hash"
	"  FROM printer_nv_images m JOIN printer_ids_9 i ON i.kind = 'nv' AND i.old = m.printer"
	"  WHERE i.new <> i.old;"
	"INSERT INTO printer_jobs(printer, pad, prints, ticket_id, started_ms) SELECT i.new, j.pad,"
	"  j.prints, j.ticket_id, j.started_ms FROM printer_jobs j JOIN printer_ids_9 i"
	"  ON i.kind = 'job' AND i.old = j.printer WHERE i.new <> i.old;"
	"DELETE FROM printer_nv WHERE printer IN"
	"  (SELECT old FROM printer_ids_9 WHERE kind = 'nv' AND new <> old);"
	"DELETE FROM printer_jobs WHERE printer IN"
	"  (SELECT old FROM printer_ids_9 WHERE kind = 'job' AND new <> old);"
	"DELETE FROM printer_nv_images WHERE printer NOT IN (SELECT printer FROM printer_nv);"
	"DROP TABLE printer_ids_9;",

	/*
	 * 9 -> 10: officer accounts (store/officers.c). An officer logs in with
	 * a PIN (Argon2id); a disabled account keeps its row, so old tickets
	 * still name it. Each PIN's lockout becomes a row of pin_guards named
	 * by its subject ('admin', 'officer:ID'); the admin PIN's row moves
	 * over. Tickets record the accounts that called (officer_id), finished
	 * (finished_by) and rated (rated_by) them, and where the rating came
	 * from: 'citizen' (the rating tablet) or 'officer' (the officer's own
	 * screen, `motcua rate`), with the reasons an unhappy citizen tapped.
	 */
	"CREATE TABLE officers ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  pin_hash TEXT NOT NULL,"
	"  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"
	"  created_ms INTEGER NOT NULL"
	") STRICT;"
	"CREATE TABLE pin_guards ("
	"  subject TEXT PRIMARY KEY,"
	"  failures INTEGER NOT NULL DEFAULT 0,"
	"  locks INTEGER NOT NULL DEFAULT 0,"
	"  locked_until_ms INTEGER NOT NULL DEFAULT 0"
	") STRICT, WITHOUT ROWID;"
	"INSERT INTO pin_guards SELECT 'admin', failures, locks, locked_until_ms FROM pin_guard;"
	"DROP TABLE pin_guard;"
	"ALTER TABLE tickets ADD COLUMN officer_id INTEGER REFERENCES officers(id);"
	"ALTER TABLE tickets ADD COLUMN finished_by INTEGER REFERENCES officers(id);"
	"ALTER TABLE tickets ADD COLUMN rated_by INTEGER REFERENCES officers(id);"
	"ALTER TABLE tickets ADD COLUMN rating_source TEXT"
	"  CHECK (rating_source IN ('citizen', 'officer'));"
	"ALTER TABLE tickets ADD COLUMN rating_reason TEXT NOT NULL DEFAULT '';",
};

_Static_assert(sizeof(migrations) / sizeof(migrations[0]) == DB_SCHEMA_VERSION,
	"one migration per schema version");

/* What the queue's rules and hot queries rely on (schema.h). */
static const struct {
	const char *type, *name;
} required[] = {
	{ "index", "tickets_seq" }, { "index", "tickets_day" }, { "index", "tickets_number" },
	{ "index", "tickets_state" }, { "index", "tickets_line" }, { "index", "events_kind" },
	{ "index", "counter_services_service" },
	{ "view", "ticket_rules" }, { "view", "callable" }, { "view", "service_day" },
	{ "table", "requests" }, { "index", "tickets_public_token" },
};

size_t schema_required_count(void)
{
	return sizeof(required) / sizeof(required[0]);
}

const char *schema_required_name(size_t i, const char **type)
{
	if (i >= schema_required_count()) {
		return NULL;
	}
	if (type) {
		*type = required[i].type;
	}
	return required[i].name;
}

const char *schema_migration(int from_version)
{
	if (from_version < 0 || from_version >= DB_SCHEMA_VERSION) {
		return NULL;
	}
	return migrations[from_version];
}
