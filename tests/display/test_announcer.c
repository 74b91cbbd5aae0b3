/*
 * The announcer plays queued sequences one after another, tells its
 * observer about them in order without overlap, skips missing clips, and
 * stays silent (but still tells) without an audio device. Uses SDL's dummy
 * audio driver.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <SDL.h>

#include "motcua/voice/announcer.h"
#include "motcua/base/paths.h"

/* The notes the announcer gave, in order (its thread writes, the test reads after a drain). */
struct line {
	long long ms;
	char what[8], label[32], mode[8], clips[256];
};

static struct {
	SDL_mutex *lock;
	struct line l[16];
	int n;
} notes;

static void on_note(void *ud, const struct announcer_note *note)
{
	(void)ud;
	SDL_LockMutex(notes.lock);
	if (notes.n < 16) {
		struct line *l = &notes.l[notes.n++];
		l->ms = note->wall_ms;
		snprintf(l->what, sizeof(l->what), "%s", note->start ? "start" : "end");
		snprintf(l->label, sizeof(l->label), "%s", note->label);
		snprintf(l->mode, sizeof(l->mode), "%s", note->audio ? "audio" : "silent");
		snprintf(l->clips, sizeof(l->clips), "%s", note->clips);
	}
	SDL_UnlockMutex(notes.lock);
}

static int setup(void **state)
{
	(void)state;
	notes.lock = SDL_CreateMutex();
	return notes.lock ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	SDL_DestroyMutex(notes.lock);
	return 0;
}

static int read_record(struct line *out, int max)
{
	SDL_LockMutex(notes.lock);
	int n = notes.n < max ? notes.n : max;
	memcpy(out, notes.l, (size_t)n * sizeof(*out));
	notes.n = 0;
	SDL_UnlockMutex(notes.lock);
	return n;
}

static void play_two(const char *driver, const char *want_mode)
{
	struct voice_sequence a = {.n = 2, .clips = {"pause", "no_such_clip"}};
	struct voice_sequence b = {.n = 1, .clips = {"pause"}};
	struct line l[8];
	char *dir = paths_asset("voice/vi");

	assert_non_null(dir);
	read_record(l, 0);
	SDL_SetHintWithPriority(SDL_HINT_AUDIODRIVER, driver, SDL_HINT_OVERRIDE);
	struct announcer *an = announcer_create(dir, on_note, NULL, NULL);
	free(dir);
	assert_non_null(an);
	assert_true(announcer_queue(an, &a, "first"));
	assert_true(announcer_queue(an, &b, "second"));
	announcer_drain(an);
	assert_int_equal(announcer_pending(an), 0);
	announcer_destroy(an);

	assert_int_equal(read_record(l, 8), 4);
	assert_string_equal(l[0].what, "start");
	assert_string_equal(l[0].label, "first");
	assert_string_equal(l[0].mode, want_mode);
	assert_string_equal(l[0].clips, "pause no_such_clip");
	assert_string_equal(l[1].what, "end");
	assert_string_equal(l[1].label, "first");
	assert_string_equal(l[2].what, "start");
	assert_string_equal(l[2].label, "second");
	assert_string_equal(l[3].what, "end");
	assert_true(l[2].ms >= l[1].ms);
	if (strcmp(want_mode, "audio") == 0) {
		/* The 0.6 s pause clip was really waited for. */
		assert_true(l[1].ms - l[0].ms >= 550);
	}
}

static void test_dummy_audio(void **state)
{
	(void)state;
	play_two("dummy", "audio");
}

static void test_no_audio(void **state)
{
	(void)state;
	play_two("no-such-driver", "silent");
}

/* Identical sequences waiting in the queue are said once. */
static void test_duplicates_waiting(void **state)
{
	(void)state;
	struct voice_sequence a = {.n = 1, .clips = {"pause"}};
	struct voice_sequence b = {.n = 2, .clips = {"pause", "pause"}};
	struct line l[16];
	char *dir = paths_asset("voice/vi");
	read_record(l, 0);
	SDL_SetHintWithPriority(SDL_HINT_AUDIODRIVER, "dummy", SDL_HINT_OVERRIDE);
	struct announcer *an = announcer_create(dir, on_note, NULL, NULL);
	free(dir);
	assert_non_null(an);
	/* b plays for over a second, so every a below is still waiting when the next comes. */
	assert_true(announcer_queue(an, &b, "long"));
	assert_true(announcer_queue(an, &a, "a1"));
	assert_true(announcer_queue(an, &a, "a2"));
	assert_true(announcer_queue(an, &a, "a3"));
	announcer_drain(an);
	announcer_destroy(an);
	assert_int_equal(read_record(l, 16), 4);
	assert_string_equal(l[0].label, "long");
	assert_string_equal(l[2].label, "a1");
}

static void test_empty_sequence(void **state)
{
	(void)state;
	struct voice_sequence none = {.n = 0};
	SDL_SetHintWithPriority(SDL_HINT_AUDIODRIVER, "dummy", SDL_HINT_OVERRIDE);
	struct announcer *an = announcer_create(".", NULL, NULL, NULL);
	assert_non_null(an);
	assert_true(announcer_queue(an, &none, "muted"));
	assert_int_equal(announcer_pending(an), 0);
	announcer_destroy(an);
	announcer_destroy(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dummy_audio),
		cmocka_unit_test(test_no_audio),
		cmocka_unit_test(test_duplicates_waiting),
		cmocka_unit_test(test_empty_sequence),
	};
	int rc = cmocka_run_group_tests(tests, setup, teardown);
	SDL_Quit();
	return rc;
}
