/*
 * One job queue (jobq.h) of sequences. For each sequence its thread opens
 * the audio device (if closed), queues every clip's samples with
 * SDL_QueueAudio, and waits until the device has played them, checking for
 * shutdown every 20 ms. When the queue is empty it closes the device, so
 * nothing runs while the waiting room is quiet.
 */
#define LOG_MODULE "announcer"
#include "motcua/voice/announcer.h"

#include <stdio.h>
#include <string.h>
#include <SDL.h>

#include "motcua/base/clock.h"
#include "motcua/base/jobq.h"
#include "motcua/base/log.h"
#include "motcua/base/xalloc.h"

#define RATE 22050
/* Silence after a sequence, before the next one starts (ms). */
#define GAP_MS 500

struct job {
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
	announcer_note_fn note;
	void *note_ud;
	SDL_atomic_t audio_ok;    /* 1: audio subsystem up and no device failure yet */
	bool audio_inited;
	SDL_AudioDeviceID dev;    /* 0 = closed; touched by the thread only */
	SDL_AudioSpec spec;
	struct clip *clips;       /* cache; thread only */
	struct jobq *jobs;
};

static void tell(struct announcer *a, bool start, const struct job *j, bool audio,
	const char *clips)
{
	if (a->note) {
		struct announcer_note n = { start, j->label, audio, clips, clock_now_ms() };
		a->note(a->note_ud, &n);
	}
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

/* Plays one sequence to the end (or until the announcer stops): a job. */
static void play(void *ud, void *p)
{
	struct announcer *a = ud;
	const struct job *j = p;
	char clips[4096];
	voice_sequence_join(&j->seq, clips, sizeof(clips));
	bool audio = SDL_AtomicGet(&a->audio_ok) && device_open(a);
	tell(a, true, j, audio, clips);
	if (audio) {
		Uint32 bytes = 0;
		for (size_t i = 0; i < j->seq.n; i++) {
			struct clip *c = clip_get(a, j->seq.clips[i]);
			if (c->buf && SDL_QueueAudio(a->dev, c->buf, c->len) == 0) {
				bytes += c->len;
			}
		}
		/*
		 * Wait for the queue to drain (sleeping for what is left to play, so
		 * a few wake-ups per announcement), then for the device's own
		 * buffer and the gap; a shutdown cuts both short.
		 */
		int64_t per_s = (int64_t)a->spec.freq * a->spec.channels * 2;
		int64_t deadline = clock_mono_ms() + 2000 + (int64_t)bytes * 1000 / per_s;
		Uint32 left;
		bool on = true;
		while (on && (left = SDL_GetQueuedAudioSize(a->dev)) > 0
				&& clock_mono_ms() < deadline) {
			on = jobq_sleep(a->jobs, (int64_t)left * 1000 / per_s + 10);
		}
		if (on) {
			on = jobq_sleep(a->jobs, a->spec.samples * 1000 / a->spec.freq + GAP_MS);
		}
		if (!on) {
			SDL_ClearQueuedAudio(a->dev);
		}
	}
	tell(a, false, j, audio, clips);
}

/* Nothing left to say: the device is closed until the next call. */
static void idle(void *ud)
{
	device_close(ud);
}

/* The thread ends: the device is closed, SDL's per-thread error buffer freed. */
static void finish(void *ud)
{
	device_close(ud);
	SDL_TLSCleanup();
}

struct announcer *announcer_create(const char *clip_dir, announcer_note_fn note, void *note_ud,
	struct result *r)
{
	struct announcer *a = xcalloc(1, sizeof(*a));
	a->dir = xstrdup(clip_dir ? clip_dir : ".");
	a->note = note;
	a->note_ud = note_ud;
	if (SDL_InitSubSystem(SDL_INIT_AUDIO) == 0) {
		a->audio_inited = true;
		SDL_AtomicSet(&a->audio_ok, 1);
	} else {
		LOG_WARN("no audio (%s): announcements are silent", SDL_GetError());
	}
	a->spec.freq = RATE;
	a->spec.format = AUDIO_S16SYS;
	a->spec.channels = 1;
	/* Everything the thread uses is ready before it starts. */
	static const struct jobq_ops ops = { .run = play, .idle = idle, .finish = finish };
	a->jobs = jobq_create("announcer", &ops, a, 0, r);
	if (!a->jobs) {
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
	jobq_destroy(a->jobs);  /* joins the thread: the clips and device are ours again */
	for (struct clip *c = a->clips, *next; c; c = next) {
		next = c->next;
		free(c->name);
		free(c->buf);
		free(c);
	}
	if (a->audio_inited) {
		SDL_QuitSubSystem(SDL_INIT_AUDIO);
	}
	free(a->dir);
	free(a);
}

/* The same words waiting twice (recall pressed twice) are said once. */
static bool same_job(const void *waiting, const void *job)
{
	const struct voice_sequence *x = &((const struct job *)waiting)->seq;
	const struct voice_sequence *y = &((const struct job *)job)->seq;
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
	struct job *j = xcalloc(1, sizeof(*j));
	snprintf(j->label, sizeof(j->label), "%s", label ? label : "-");
	j->seq = *seq;
	return jobq_submit_unique(a->jobs, j, same_job);
}

void announcer_drain(struct announcer *a)
{
	jobq_drain(a->jobs);
}

int announcer_pending(struct announcer *a)
{
	return (int)jobq_pending(a->jobs);
}

bool announcer_has_audio(struct announcer *a)
{
	return SDL_AtomicGet(&a->audio_ok) != 0;
}
