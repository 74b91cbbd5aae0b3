/* The event vocabulary and the follow cursor (store/events.c). */
#include <string.h>
#include "motcua/store/events.h"
#include "motcua/store/queue.h"
#include "testutil.h"

static void test_kind_names_round_trip(void **state)
{
	(void)state;
	for (int k = EVENT_OTHER + 1; k < EVENT_KIND_COUNT; k++) {
		const char *name = event_kind_name((enum event_kind)k);
		assert_non_null(name);
		assert_int_equal(event_kind_parse(name), k);
	}
	/* A kind from a newer motcua is read, not dropped. */
	assert_int_equal(event_kind_parse("teleport"), EVENT_OTHER);
	assert_true(event_is_call(EVENT_RECALL));
	assert_false(event_is_call(EVENT_ISSUE));
}

struct seen {
	int n;
	enum event_kind kinds[200];
	int64_t ids[200];
};

static void collect(void *ud, const struct event *ev)
{
	struct seen *s = ud;
	s->kinds[s->n] = ev->kind;
	s->ids[s->n++] = ev->id;
}

/* More events than one batch: each seen once, in order, none skipped. */
static void test_follow_sees_each_event_once(void **state)
{
	struct fixture *f = *state;
	struct result r = {0};
	struct ticket t;
	assert_true(queue_issue(f->db, NULL, "HT", false, &t, &r));  /* the day's first write */
	struct events_cursor c = { .after = events_last_id(f->db) };
	struct seen s = {0};
	for (int i = 0; i < 150; i++) {
		assert_true(queue_issue(f->db, NULL, "HT", false, &t, &r));
	}
	assert_true(events_follow(f->db, &c, collect, &s, &r));
	assert_int_equal(s.n, 150);
	for (int i = 0; i < s.n; i++) {
		assert_int_equal(s.kinds[i], EVENT_ISSUE);
		assert_true(i == 0 || s.ids[i] == s.ids[i - 1] + 1);
	}
	assert_int_equal(c.after, events_last_id(f->db));
	assert_true(queue_call_next(f->db, NULL, 1, NULL, &t, &r));
	s.n = 0;
	assert_true(events_follow(f->db, &c, collect, &s, &r));
	assert_int_equal(s.n, 1);
	assert_int_equal(s.kinds[0], EVENT_CALL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kind_names_round_trip),
		cmocka_unit_test_setup_teardown(test_follow_sees_each_event_once, fixture_setup_demo,
			fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
