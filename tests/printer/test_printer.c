/*
 * Unit tests of the printer layer's own rules, without a printer: the one
 * fault vocabulary and the pure status decoder, printer strings checked
 * before anything is stored, file: targets that are not devices never
 * opened for writing (FIFOs and sockets are), the ESC/POS command lengths
 * behind the clearing after an interrupted job, and the migration of the
 * old NV bookkeeping rows into the print layer's tables.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include "motcua/print/escpos.h"
#include "motcua/print/printer.h"
#include "motcua/print/printer_store.h"
#include "motcua/print/printjob.h"
#include "motcua/print/raster.h"
#include "motcua/store/db.h"
#include "motcua/store/schema.h"

static char tmpdir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/motcua-test-printer-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static void test_fault_table(void **state)
{
	(void)state;
	for (int f = 0; f < PRINTER_FAULT_COUNT; f++) {
		const struct printer_fault_info *i = printer_fault_info((enum printer_fault)f);
		assert_non_null(i->code);
		assert_true(strlen(i->log) > 0);
		assert_true(strlen(i->citizen_vi) > 0);
		assert_non_null(i->advice_vi);
		/* Every fault that stops printing tells staff what to do. */
		assert_true(i->can_print || strlen(i->advice_vi) > 0);
		enum printer_fault back;
		assert_true(printer_fault_parse(i->code, &back));
		assert_int_equal(back, f);
		for (int g = 0; g < f; g++) {
			assert_string_not_equal(printer_fault_info((enum printer_fault)g)->code, i->code);
		}
		struct result r = { 0 };
		assert_int_equal(printer_fault_check((enum printer_fault)f, &r), i->can_print);
		if (!i->can_print) {
			assert_int_equal(r.code, RESULT_ERR_PRINTER);
			char words[256];
			printer_fault_sentence((enum printer_fault)f, words, sizeof(words));
			assert_string_equal(r.msg, words);
			assert_non_null(strstr(r.msg, i->citizen_vi + 1));  /* "áy in hết giấy" */
		}
	}
	enum printer_fault f;
	assert_false(printer_fault_parse("paper", &f));
	/* The stored codes are a contract (devices table, JSON). */
	assert_string_equal(printer_fault_info(PRINTER_FAULT_PAPER_OUT)->code, "paper_out");
	/* Inside a sentence: small first letters, also a Vietnamese one (Đ). */
	char words[256];
	printer_fault_sentence(PRINTER_FAULT_COVER_OPEN, words, sizeof(words));
	assert_string_equal(words, "nắp máy in đang mở (đóng nắp máy in)");
	printer_fault_sentence(PRINTER_FAULT_NONE, words, sizeof(words));
	assert_string_equal(words, "máy in sẵn sàng");
	assert_string_equal(printer_fault_info(PRINTER_FAULT_NO_ANSWER)->code, "no_answer");
	assert_string_equal(printer_fault_info(PRINTER_FAULT_UNCONFIRMED)->code, "unconfirmed");
	assert_string_equal(printer_fault_info(PRINTER_FAULT_COUNT)->code, "no_answer");
}

static void test_status_decode(void **state)
{
	(void)state;
	struct printer_status st;
	const uint8_t ready[4] = { 0x12, 0x12, 0x12, 0x12 };
	assert_true(printer_status_decode(ready, 4, &st));
	assert_true(st.answered && st.online);
	assert_int_equal(printer_status_fault(&st), PRINTER_FAULT_NONE);
	const uint8_t paper_out[4] = { 0x1a, 0x32, 0x12, 0x7e };
	assert_true(printer_status_decode(paper_out, 4, &st));
	assert_true(st.paper_out && !st.online);
	assert_int_equal(printer_status_fault(&st), PRINTER_FAULT_PAPER_OUT);
	const uint8_t cover[4] = { 0x1a, 0x16, 0x12, 0x12 };
	assert_true(printer_status_decode(cover, 4, &st));
	assert_int_equal(printer_status_fault(&st), PRINTER_FAULT_COVER_OPEN);
	const uint8_t cutter[4] = { 0x1a, 0x52, 0x1a, 0x12 };
	assert_true(printer_status_decode(cutter, 4, &st));
	assert_int_equal(printer_status_fault(&st), PRINTER_FAULT_ERROR);
	const uint8_t near_end[4] = { 0x12, 0x12, 0x12, 0x1e };
	assert_true(printer_status_decode(near_end, 4, &st));
	assert_int_equal(printer_status_fault(&st), PRINTER_FAULT_NEAR_END);
	const uint8_t offline[4] = { 0x1a, 0x12, 0x12, 0x12 };
	assert_true(printer_status_decode(offline, 4, &st));
	assert_int_equal(printer_status_fault(&st), PRINTER_FAULT_OFFLINE);
	/* Not a status byte, or not four replies: not answered. */
	const uint8_t stray[4] = { 0x12, 0x00, 0x12, 0x12 };
	assert_false(printer_status_decode(stray, 4, &st));
	assert_false(st.answered);
	assert_int_equal(printer_status_fault(&st), PRINTER_FAULT_NO_ANSWER);
	assert_false(printer_status_decode(ready, 3, &st));
	assert_false(printer_status_decode(NULL, 4, &st));
}

static void test_spec_check(void **state)
{
	(void)state;
	static const char *const good[] = {
		"serial:/dev/ttyUSB0?baud=38400&flow=rtscts", "/dev/ttyS0", "file:/dev/usb/lp0",
		"file:/tmp/printer?timeout=600&printms=0", "tcp:192.0.2.10:9100", "tcp:printer.lan",
		"tcp:192.0.2.10:1", "tcp:192.0.2.10:65535", "tcp:[2001:db8::1]:9100", "tcp:[::1]",
		"serial:/dev/ttyS0?nv=0&timeout=50",
	};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		struct result r = { 0 };
		if (!printer_spec_check(good[i], &r)) {
			fail_msg("%s refused: %s", good[i], r.msg);
		}
	}
	static const char *const bad[] = {
		"", "lpt1", "file:", "file:lp0", "tcp:", "tcp::9100", "tcp:host:", "tcp:host:0",
		"tcp:host:65536", "tcp:host:99999", "tcp:host:+9100", "tcp:host: 9100", "tcp:host:9100 ",
		"tcp:ho st:9100", "tcp:[::1", "tcp:[::1]x", "tcp:host:9100?baud", "file:/dev/lp0?nv=2",
		"file:/dev/lp0?timeout=49", "file:/dev/lp0?timeout=+500", "file:/dev/lp0?printms=-1",
		"file:/dev/lp0?colour=red", "serial:/dev/ttyS0?baud=1000000",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct result r = { 0 };
		if (printer_spec_check(bad[i], &r)) {
			fail_msg("%s accepted", bad[i]);
		}
		assert_int_equal(r.code, RESULT_ERR_INVALID);
	}
}

/* A regular file, a link to one, a directory: refused, never written. */
static void test_file_not_a_device(void **state)
{
	(void)state;
	char path[128], link[128], spec[160];
	snprintf(path, sizeof path, "%s/passwd", tmpdir);
	snprintf(link, sizeof link, "%s/printer", tmpdir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("root:x:0:0\n", f);
	fclose(f);
	assert_int_equal(symlink(path, link), 0);
	const char *targets[] = { path, link, tmpdir };
	for (size_t i = 0; i < 3; i++) {
		snprintf(spec, sizeof spec, "file:%s", targets[i]);
		struct result r = { 0 };
		assert_null(printer_open(spec, &r));
		assert_int_equal(r.code, RESULT_ERR_INVALID);
		assert_non_null(strstr(r.msg, targets[i]));
	}
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_size, strlen("root:x:0:0\n"));
}

/* A FIFO is a device target: the bytes come out at the other end. */
static void test_file_fifo(void **state)
{
	(void)state;
	char path[128], spec[160];
	snprintf(path, sizeof path, "%s/fifo", tmpdir);
	assert_int_equal(mkfifo(path, 0600), 0);
	snprintf(spec, sizeof spec, "file:%s", path);
	struct result r = { 0 };
	struct printer *p = printer_open(spec, &r);
	assert_non_null(p);
	static const uint8_t job[] = { 0x1b, 0x40, 'O', 'K', 0x0a };
	size_t sent = 0;
	assert_true(printer_write(p, job, sizeof job, &sent, &r));
	assert_int_equal(sent, sizeof job);
	/* A second program cannot take the same printer. */
	assert_null(printer_open(spec, &r));
	assert_int_equal(r.code, RESULT_ERR_PRINTER);
	assert_non_null(strstr(r.msg, "đang được chương trình khác dùng"));
	printer_close(p);
}

static void *accept_one(void *arg)
{
	int lfd = *(int *)arg, fd = accept(lfd, NULL, NULL);
	static uint8_t got[16];
	ssize_t n = fd >= 0 ? read(fd, got, sizeof got) : -1;
	if (fd >= 0) {
		close(fd);
	}
	return n == 3 && memcmp(got, "abc", 3) == 0 ? got : NULL;
}

/* A Unix socket is a device target too (a print server, a test harness). */
static void test_file_socket(void **state)
{
	(void)state;
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	snprintf(a.sun_path, sizeof a.sun_path, "%s/sock", tmpdir);
	int lfd = socket(AF_UNIX, SOCK_STREAM, 0);
	assert_int_equal(bind(lfd, (struct sockaddr *)&a, sizeof a), 0);
	assert_int_equal(listen(lfd, 1), 0);
	pthread_t th;
	pthread_create(&th, NULL, accept_one, &lfd);
	char spec[160];
	snprintf(spec, sizeof spec, "file:%s", a.sun_path);
	struct result r = { 0 };
	struct printer *p = printer_open(spec, &r);
	assert_non_null(p);
	assert_true(printer_write(p, (const uint8_t *)"abc", 3, NULL, &r));
	printer_close(p);
	void *ok;
	pthread_join(th, &ok);
	assert_non_null(ok);
	close(lfd);
}

static void test_command_length(void **state)
{
	(void)state;
	const uint8_t init[] = { 0x1b, 0x40 }, align[] = { 0x1b, 0x61, 1 };
	const uint8_t cut[] = { 0x1d, 0x56, 0x42, 24 }, eot[] = { 0x10, 0x04, 1 };
	assert_int_equal(escpos_command_length(init, sizeof init), 2);
	assert_int_equal(escpos_command_length(align, sizeof align), 3);
	assert_int_equal(escpos_command_length(cut, sizeof cut), 4);
	assert_int_equal(escpos_command_length(cut, 3), 0);
	assert_int_equal(escpos_command_length(eot, sizeof eot), 3);
	assert_int_equal(escpos_command_length((const uint8_t *)"A", 1), 1);
	struct escpos_buf b;
	escpos_buf_init(&b);
	escpos_init(&b);
	escpos_text(&b, "1005");
	escpos_nv_print(&b, 'H', '0');
	assert_int_equal(escpos_longest_command(b.data, b.len), 11);
	struct raster *img = raster_create(64, 10);
	escpos_raster(&b, img);
	assert_int_equal(escpos_longest_command(b.data, b.len), 8 + 8 * 10);
	assert_int_equal(escpos_command_length(b.data + b.len - 88, 20), 0);
	raster_destroy(img);
	escpos_buf_finish(&b);
}

/* A database file made at schema version, with sql run on it, then opened (migrated). */
static struct db *open_old_db(const char *name, int version, const char *sql)
{
	char path[128];
	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	struct result r = { 0 };
	assert_true(db_create_at_version(path, version, &r));
	sqlite3 *h = NULL;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	struct db *db = db_open(path, DB_READWRITE, &r);
	assert_non_null(db);
	return db;
}

/* Old NV rows ("nv:<spec>", "fp=... K=...") become the print layer's tables. */
static void test_nv_migration(void **state)
{
	(void)state;
	struct result r = { 0 };
	struct db *db = open_old_db("old.db", 2,
		"INSERT INTO devices VALUES ('nv:file:/dev/usb/lp0', 'printer_nv', 'stored',"
		" 'fp=0123456789abcdef H0=00000000000000a1 S!=00000000000000b2 S==00000000000000c3',"
		" 5);"
		"INSERT INTO devices VALUES ('file:/dev/usb/lp0', 'printer', 'ok', '', 6);");
	struct printer_nv_state nv;
	assert_true(printer_store_nv_load(db, "file:/dev/usb/lp0", &nv, &r));
	assert_true(nv.fingerprint == 0x0123456789abcdefULL);
	assert_int_equal(nv.n, 3);
	assert_true(printer_store_nv_hash(&nv, 'H', '0') == 0xa1);
	assert_true(printer_store_nv_hash(&nv, 'S', '!') == 0xb2);
	assert_true(printer_store_nv_hash(&nv, 'S', '=') == 0xc3);
	assert_true(printer_store_nv_hash(&nv, 'L', 'A') == 0);
	printer_store_nv_finish(&nv);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db_handle(db),
		"SELECT group_concat(name) FROM devices", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "file:/dev/usb/lp0");
	sqlite3_finalize(st);

	/* Saving replaces; forgetting drops the record and any open job. */
	struct printer_nv_state next = { .fingerprint = 42 };
	printer_store_nv_add(&next, 'H', '0', 7);
	assert_true(printer_store_nv_save(db, "file:/dev/usb/lp0", &next, &r));
	printer_store_nv_finish(&next);
	assert_true(printer_store_nv_load(db, "file:/dev/usb/lp0", &nv, &r));
	assert_true(nv.fingerprint == 42 && nv.n == 1 && printer_store_nv_hash(&nv, 'H', '0') == 7);
	printer_store_nv_finish(&nv);
	struct printer_job job = { .pad = 11, .prints = true };
	assert_true(printer_store_job_open(db, "file:/dev/usb/lp0", &job, &r));
	bool pending, found;
	struct printer_job back;
	assert_true(printer_store_job_pending(db, "file:/dev/usb/lp0", &pending, &back, &r));
	assert_true(pending && back.pad == 11 && back.prints);
	assert_true(printer_store_forget(db, "file:/dev/usb/lp0", &found, &r));
	assert_true(found);
	assert_true(printer_store_job_pending(db, "file:/dev/usb/lp0", &pending, &back, &r));
	assert_false(pending);
	assert_true(printer_store_nv_load(db, "file:/dev/usb/lp0", &nv, &r));
	assert_true(nv.fingerprint == 0 && nv.n == 0);

	/* Nothing is stored under a printer string that is not one. */
	assert_false(printer_store_status(db, "tcp:host:99999", PRINTER_FAULT_NO_ANSWER, &r));
	assert_int_equal(r.code, RESULT_ERR_INVALID);
	assert_false(printer_store_job_open(db, "lpt1", &job, &r));
	db_close(db);
}

/* The kiosk prepares the printer after these events; prepare itself decides staleness. */
static void test_prepare_events(void **state)
{
	(void)state;
	assert_true(printjob_event_may_change_nv(EVENT_SETTING));
	assert_true(printjob_event_may_change_nv(EVENT_SERVICE_ADD));
	assert_true(printjob_event_may_change_nv(EVENT_SERVICE_EDIT));
	assert_false(printjob_event_may_change_nv(EVENT_ISSUE));
	assert_false(printjob_event_may_change_nv(EVENT_CALL));
}

/*
 * 8 -> 9: NV records move from the printer string to the device
 * (printer_identity): options dropped, a bare path becomes serial:, a tcp:
 * address gains its port; of two strings naming one device the newer
 * record wins; images keep their hashes and get a size; writes are counted.
 */
static void test_identity_migration(void **state)
{
	(void)state;
	struct result r = { 0 };
	struct db *db = open_old_db("v8.db", 8,
		"INSERT INTO printer_nv VALUES ('file:/dev/usb/lp0?timeout=600', '00000000000000aa', 5),"
		" ('file:/dev/usb/lp0', '00000000000000bb', 9),"
		" ('/dev/ttyS0', '00000000000000cc', 5), ('tcp:10.0.0.7', '00000000000000dd', 5);"
		"INSERT INTO printer_nv_images VALUES ('file:/dev/usb/lp0?timeout=600', 'H0', 'a1'),"
		" ('file:/dev/usb/lp0', 'H0', 'b1'), ('/dev/ttyS0', 'S!', 'c1');");
	struct printer_nv_state nv;
	assert_true(printer_store_nv_load(db, "file:/dev/usb/lp0", &nv, &r));
	assert_true(nv.fingerprint == 0xbb);  /* the newer of the two strings */
	assert_true(printer_store_nv_hash(&nv, 'H', '0') == 0xb1);
	printer_store_nv_finish(&nv);
	assert_true(printer_store_nv_load(db, "serial:/dev/ttyS0", &nv, &r));
	assert_true(printer_store_nv_hash(&nv, 'S', '!') == 0xc1);
	printer_store_nv_finish(&nv);
	assert_true(printer_store_nv_load(db, "tcp:10.0.0.7:9100", &nv, &r));
	assert_true(nv.fingerprint == 0xdd);
	printer_store_nv_finish(&nv);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db_handle(db),
		"SELECT count(*) FROM printer_nv WHERE printer LIKE '%?%' OR printer LIKE '/%'",
		-1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 0);
	sqlite3_finalize(st);
	int writes = -1;
	assert_true(printer_store_nv_writes(db, "serial:/dev/ttyS0", 20261202, &writes, &r));
	assert_int_equal(writes, 0);
	assert_true(db_check(db, &r));
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fault_table),
		cmocka_unit_test(test_status_decode),
		cmocka_unit_test(test_spec_check),
		cmocka_unit_test(test_file_not_a_device),
		cmocka_unit_test(test_file_fifo),
		cmocka_unit_test(test_file_socket),
		cmocka_unit_test(test_command_length),
		cmocka_unit_test(test_nv_migration),
		cmocka_unit_test(test_identity_migration),
		cmocka_unit_test(test_prepare_events),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
