/*
 * One playing thread fed by a FIFO of sequences. For each sequence it opens
 * the audio device (if closed), queues every clip's samples with
 * SDL_QueueAudio, and waits until the device has played them, checking for
 * shutdown every 20 ms. When the FIFO is empty it closes the device, so
 * nothing runs while the waiting room is quiet.
 */
#define LOG_MODULE "announcer"
#include "motcua/voice/announcer.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <SDL.h>

#include "motcua/base/clock.h"
#include "motcua/base/log.h"
#include "motcua/base/xalloc.h"

#define RATE 22050
/* Silence after a sequence, before the next one starts (ms). */
#define GAP_MS 500

struct job {
	struct job *next;
	char label[64];
	struct voice_sequence seq;
};

struct clip {
	struct clip *next;
	char *name;
	Uint8 *buf;     /* device format; NULL when the file is missing or bad */
	Uint32 len;
};

struct announcer {
	char *dir;
	FILE *record;
	SDL_atomic_t audio_ok;    /* 1: audio subsystem up and no device failure yet */
	bool audio_inited;
	SDL_AudioDeviceID dev;    /* 0 = closed; touched by the thread only */
	SDL_AudioSpec spec;
	struct clip *clips;       /* cache; thread only */

	SDL_mutex *lock;
	SDL_cond *cond;
	struct job *head, *tail;  /* FIFO under lock */
	int pending;              /* queued + playing, under lock */
	bool quit;
	SDL_Thread *thread;
};

static void record(struct announcer *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void record(struct announcer *a, const char *fmt, ...)
{
	if (!a->record) {
		return;
	}
	va_list ap;
	fprintf(a->record, "%lld ", (long long)clock_now_ms());
	va_start(ap, fmt);
	vfprintf(a->record, fmt, ap);
	va_end(ap);
	fputc('\n', a->record);
	fflush(a->record);
}

/* Loads and converts a clip to the device format; cached, also when missing. */
static struct clip *clip_get(struct announcer *a, const char *name)
{
	for (struct clip *c = a->clips; c; c = c->next) {
		if (strcmp(c->name, name) == 0) {
			return c;
		}
	}
	struct clip *c = xcalloc(1, sizeof(*c));
	c->name = xstrdup(name);
	c->next = a->clips;
	a->clips = c;

	char *path = xasprintf("%s/%s.wav", a->dir, name);
	SDL_AudioSpec src;
	Uint8 *wav = NULL;
	Uint32 wav_len = 0;
	if (!SDL_LoadWAV(path, &src, &wav, &wav_len)) {
		LOG_WARN("%s: cannot load clip: %s (skipped)", path, SDL_GetError());
		free(path);
		return c;
	}
	SDL_AudioCVT cvt;
	int rc = SDL_BuildAudioCVT(&cvt, src.format, src.channels, src.freq,
		a->spec.format, a->spec.channels, a->spec.freq);
	if (rc < 0) {
		LOG_WARN("%s: cannot convert clip: %s (skipped)", path, SDL_GetError());
	} else {
		cvt.len = (int)wav_len;
		cvt.buf = xmalloc((size_t)wav_len * (size_t)(cvt.len_mult > 0 ? cvt.len_mult : 1));
		memcpy(cvt.buf, wav, wav_len);
		if (rc == 0 || SDL_ConvertAudio(&cvt) == 0) {
			c->buf = cvt.buf;
			c->len = (Uint32)cvt.len_cvt;
			if (rc == 0) {
				c->len = wav_len;
			}
		} else {
			LOG_WARN("%s: conversion failed: %s (skipped)", path, SDL_GetError());
			free(cvt.buf);
		}
	}
	SDL_FreeWAV(wav);
	free(path);
	return c;
}

static bool device_open(struct announcer *a)
{
	if (a->dev) {
		return true;
	}
	SDL_AudioSpec want = {0};
	want.freq = RATE;
	want.format = AUDIO_S16SYS;
	want.channels = 1;
	want.samples = 1024;
	a->dev = SDL_OpenAudioDevice(NULL, 0, &want, &a->spec, 0);
	if (a->dev == 0) {
		LOG_WARN("no audio output (%s): announcements are silent", SDL_GetError());
		SDL_AtomicSet(&a->audio_ok, 0);
		return false;
	}
	SDL_PauseAudioDevice(a->dev, 0);
	return true;
}

static void device_close(struct announcer *a)
{
	if (a->dev) {
		SDL_CloseAudioDevice(a->dev);
		a->dev = 0;
	}
}

static bool should_quit(struct announcer *a)
{
	SDL_LockMutex(a->lock);
	bool q = a->quit;
	SDL_UnlockMutex(a->lock);
	return q;
}

/* Plays one sequence to the end (or until quit). */
static void play(struct announcer *a, const struct job *j)
{
	char clips[4096];
	voice_sequence_join(&j->seq, clips, sizeof(clips));
	bool audio = SDL_AtomicGet(&a->audio_ok) && device_open(a);
	record(a, "start %s %s %s", j->label, audio ? "audio" : "silent", clips);
	if (audio) {
		Uint32 bytes = 0;
		for (size_t i = 0; i < j->seq.n; i++) {
			struct clip *c = clip_get(a, j->seq.clips[i]);
			if (c->buf && SDL_QueueAudio(a->dev, c->buf, c->len) == 0) {
				bytes += c->len;
			}
		}
		/* Wait for the queue to drain, then for the device's own buffer. */
		int64_t deadline = clock_mono_ms() + 2000
			+ (int64_t)bytes * 1000 / ((int64_t)a->spec.freq * a->spec.channels * 2);
		while (SDL_GetQueuedAudioSize(a->dev) > 0 && clock_mono_ms() < deadline) {
			if (should_quit(a)) {
				SDL_ClearQueuedAudio(a->dev);
				break;
			}
			SDL_Delay(20);
		}
		SDL_Delay(a->spec.samples * 1000u / (Uint32)a->spec.freq + GAP_MS);
	}
	record(a, "end %s", j->label);
}

static int thread_main(void *data)
{
	struct announcer *a = data;

	SDL_LockMutex(a->lock);
	for (;;) {
		while (!a->head && !a->quit) {
			SDL_UnlockMutex(a->lock);
			device_close(a);
			SDL_LockMutex(a->lock);
			if (!a->head && !a->quit) {
				SDL_CondWait(a->cond, a->lock);
			}
		}
		if (a->quit) {
			break;
		}
		struct job *j = a->head;
		a->head = j->next;
		if (!a->head) {
			a->tail = NULL;
		}
		SDL_UnlockMutex(a->lock);
		play(a, j);
		free(j);
		SDL_LockMutex(a->lock);
		a->pending--;
		SDL_CondBroadcast(a->cond);
	}
	SDL_UnlockMutex(a->lock);
	device_close(a);
	return 0;
}

struct announcer *announcer_create(const char *clip_dir, const char *record_path)
{
	struct announcer *a = xcalloc(1, sizeof(*a));
	a->dir = xstrdup(clip_dir ? clip_dir : ".");
	if (record_path) {
		a->record = fopen(record_path, "a");
		if (!a->record) {
			LOG_ERR("%s: cannot open the announcement record: %s", record_path,
				strerror(errno));
			free(a->dir);
			free(a);
			return NULL;
		}
	}
	if (SDL_InitSubSystem(SDL_INIT_AUDIO) == 0) {
		a->audio_inited = true;
		SDL_AtomicSet(&a->audio_ok, 1);
	} else {
		LOG_WARN("no audio (%s): announcements are silent", SDL_GetError());
	}
	a->spec.freq = RATE;
	a->spec.format = AUDIO_S16SYS;
	a->spec.channels = 1;
	a->lock = SDL_CreateMutex();
	a->cond = SDL_CreateCond();
	a->thread = SDL_CreateThread(thread_main, "announcer", a);
	if (!a->lock || !a->cond || !a->thread) {
		LOG_ERR("cannot start the announcer thread: %s", SDL_GetError());
		announcer_destroy(a);
		return NULL;
	}
	return a;
}

void announcer_destroy(struct announcer *a)
{
	if (!a) {
		return;
	}
	if (a->thread) {
		SDL_LockMutex(a->lock);
		a->quit = true;
		SDL_CondBroadcast(a->cond);
		SDL_UnlockMutex(a->lock);
		SDL_WaitThread(a->thread, NULL);
	}
	for (struct job *j = a->head, *next; j; j = next) {
		next = j->next;
		free(j);
	}
	for (struct clip *c = a->clips, *next; c; c = next) {
		next = c->next;
		free(c->name);
		free(c->buf);
		free(c);
	}
	if (a->cond) {
		SDL_DestroyCond(a->cond);
	}
	if (a->lock) {
		SDL_DestroyMutex(a->lock);
	}
	if (a->audio_inited) {
		SDL_QuitSubSystem(SDL_INIT_AUDIO);
	}
	if (a->record) {
		fclose(a->record);
	}
	free(a->dir);
	free(a);
}

static bool same_sequence(const struct voice_sequence *x, const struct voice_sequence *y)
{
	if (x->n != y->n) {
		return false;
	}
	for (size_t i = 0; i < x->n; i++) {
		if (strcmp(x->clips[i], y->clips[i]) != 0) {
			return false;
		}
	}
	return true;
}

bool announcer_queue(struct announcer *a, const struct voice_sequence *seq, const char *label)
{
	if (seq->n == 0) {
		return true;
	}
	SDL_LockMutex(a->lock);
	for (struct job *q = a->head; q; q = q->next) {
		if (same_sequence(&q->seq, seq)) {
			/* The same words are already waiting to be said (e.g. recall pressed twice). */
			SDL_UnlockMutex(a->lock);
			return true;
		}
	}
	SDL_UnlockMutex(a->lock);
	struct job *j = xcalloc(1, sizeof(*j));
	snprintf(j->label, sizeof(j->label), "%s", label ? label : "-");
	j->seq = *seq;
	SDL_LockMutex(a->lock);
	if (a->tail) {
		a->tail->next = j;
	} else {
		a->head = j;
	}
	a->tail = j;
	a->pending++;
	SDL_CondBroadcast(a->cond);
	SDL_UnlockMutex(a->lock);
	return true;
}

void announcer_drain(struct announcer *a)
{
	SDL_LockMutex(a->lock);
	while (a->pending > 0) {
		SDL_CondWait(a->cond, a->lock);
	}
	SDL_UnlockMutex(a->lock);
}

int announcer_pending(struct announcer *a)
{
	SDL_LockMutex(a->lock);
	int n = a->pending;
	SDL_UnlockMutex(a->lock);
	return n;
}

bool announcer_has_audio(struct announcer *a)
{
	return SDL_AtomicGet(&a->audio_ok) != 0;
}
