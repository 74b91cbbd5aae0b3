/*
 * HTTP clients for the server tests (libcurl), one mode per test:
 *
 *   client rush URL KIOSK ADMIN ISSUERS TICKETS COUNTERS
 *       ISSUERS threads issue TICKETS tickets each (services in turn) while
 *       one thread per counter 1..COUNTERS calls until the issuers are done
 *       and nobody waits; prints "issued ID NUMBER" and "called ID COUNTER".
 *   client keys URL TOKEN PREFIX COUNT OUT
 *       issues COUNT tickets with Idempotency-Key PREFIX-i, each retried
 *       with its key until acknowledged (the server may be killed and
 *       restarted meanwhile); appends "KEY ID NUMBER" to OUT once acknowledged.
 *   client replay URL TOKEN OUT
 *       sends every key of OUT again: each must answer the same ticket.
 *   client sse URL TOKEN AFTER COUNT
 *       reads the event stream after event AFTER and prints each event id,
 *       hanging up after COUNT events, or after 2 s without one.
 *   client sse-many URL TOKEN N AFTER READY
 *       opens N event streams at once, touches READY once every one is open,
 *       and exits 0 when every stream has received an event after AFTER.
 */
#include <curl/curl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char *url, *token;

struct buf {
	char *data;
	size_t len;
};

static size_t collect(char *p, size_t size, size_t n, void *ud)
{
	struct buf *b = ud;
	b->data = realloc(b->data, b->len + size * n + 1);
	memcpy(b->data + b->len, p, size * n);
	b->len += size * n;
	b->data[b->len] = '\0';
	return size * n;
}

/* POSTs body to path; the status (0: no answer) and the body in out (free it). */
static long post(CURL *c, const char *path, const char *tok, const char *body, const char *key,
	struct buf *out)
{
	char target[512], auth[512], idem[256];
	struct curl_slist *h = NULL;
	snprintf(target, sizeof(target), "%s%s", url, path);
	snprintf(auth, sizeof(auth), "Authorization: Bearer %s", tok);
	h = curl_slist_append(h, auth);
	h = curl_slist_append(h, "Content-Type: application/json");
	if (key) {
		snprintf(idem, sizeof(idem), "Idempotency-Key: %s", key);
		h = curl_slist_append(h, idem);
	}
	out->data = NULL;
	out->len = 0;
	curl_easy_reset(c);
	curl_easy_setopt(c, CURLOPT_URL, target);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
	long status = 0;
	if (curl_easy_perform(c) == CURLE_OK) {
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	}
	curl_slist_free_all(h);
	return status;
}

/* The integer after "key": in a JSON text; the string after "key":" into out. */
static long long json_int(const char *text, const char *key)
{
	char pat[64];
	snprintf(pat, sizeof(pat), "\"%s\":", key);
	const char *p = text ? strstr(text, pat) : NULL;
	return p ? atoll(p + strlen(pat)) : -1;
}

static void json_str(const char *text, const char *key, char *out, size_t size)
{
	char pat[64];
	snprintf(pat, sizeof(pat), "\"%s\":\"", key);
	const char *p = text ? strstr(text, pat) : NULL;
	out[0] = '\0';
	if (p) {
		p += strlen(pat);
		size_t n = strcspn(p, "\"");
		snprintf(out, size, "%.*s", (int)(n < size ? n : size - 1), p);
	}
}

static void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

/* --- rush ------------------------------------------------------------------ */

static const char *kiosk, *admin;
static int per_issuer, issuers_left;
static pthread_mutex_t out_lock = PTHREAD_MUTEX_INITIALIZER;

static void *issuer(void *arg)
{
	static const char *const services[] = { "HT", "CT", "DD", "LD", "KH" };
	int k = (int)(intptr_t)arg;
	CURL *c = curl_easy_init();
	for (int i = 0; i < per_issuer; i++) {
		char body[64];
		struct buf b;
		snprintf(body, sizeof(body), "{\"service\":\"%s\"}", services[(k + i) % 5]);
		long status = post(c, "/api/v1/tickets", kiosk, body, NULL, &b);
		char number[32];
		json_str(b.data, "number", number, sizeof(number));
		pthread_mutex_lock(&out_lock);
		if (status == 201) {
			printf("issued %lld %s\n", json_int(b.data, "id"), number);
		} else {
			printf("error issue %ld %s\n", status, b.data ? b.data : "");
		}
		pthread_mutex_unlock(&out_lock);
		free(b.data);
	}
	curl_easy_cleanup(c);
	pthread_mutex_lock(&out_lock);
	issuers_left--;
	pthread_mutex_unlock(&out_lock);
	return NULL;
}

static void *caller(void *arg)
{
	int counter = (int)(intptr_t)arg;
	char path[64];
	snprintf(path, sizeof(path), "/api/v1/counters/%d/call", counter);
	CURL *c = curl_easy_init();
	for (;;) {
		pthread_mutex_lock(&out_lock);
		bool issuing = issuers_left > 0;
		pthread_mutex_unlock(&out_lock);
		struct buf b;
		long status = post(c, path, admin, "", NULL, &b);
		pthread_mutex_lock(&out_lock);
		if (status == 200) {
			printf("called %lld %d\n", json_int(b.data, "id"), counter);
		} else if (status != 409 || !strstr(b.data ? b.data : "", "\"empty\"")) {
			printf("error call %ld %s\n", status, b.data ? b.data : "");
		}
		pthread_mutex_unlock(&out_lock);
		free(b.data);
		if (status == 409 && !issuing) {
			break;  /* nobody waits for this counter, and nobody will come */
		}
		if (status != 200) {
			sleep_ms(5);
		}
	}
	curl_easy_cleanup(c);
	return NULL;
}

static int rush(int n_issuers, int tickets, int counters)
{
	pthread_t threads[64];
	int n = 0;
	per_issuer = tickets;
	issuers_left = n_issuers;
	for (int i = 0; i < n_issuers && n < 64; i++) {
		pthread_create(&threads[n++], NULL, issuer, (void *)(intptr_t)i);
	}
	for (int i = 1; i <= counters && n < 64; i++) {
		pthread_create(&threads[n++], NULL, caller, (void *)(intptr_t)i);
	}
	for (int i = 0; i < n; i++) {
		pthread_join(threads[i], NULL);
	}
	return 0;
}

/* --- keys and replay ------------------------------------------------------ */

static int keys(const char *prefix, int count, const char *out_path)
{
	CURL *c = curl_easy_init();
	FILE *out = fopen(out_path, "a");
	if (!out) {
		return 2;
	}
	for (int i = 0; i < count; i++) {
		char key[96];
		snprintf(key, sizeof(key), "%s-%d", prefix, i);
		time_t give_up = time(NULL) + 30;
		for (;;) {
			struct buf b;
			long status = post(c, "/api/v1/tickets", token, "{\"service\":\"HT\"}", key, &b);
			if (status == 201) {
				char number[32];
				json_str(b.data, "number", number, sizeof(number));
				fprintf(out, "%s %lld %s\n", key, json_int(b.data, "id"), number);
				fflush(out);
				free(b.data);
				break;
			}
			free(b.data);
			if (status != 0 || time(NULL) > give_up) {
				fprintf(stderr, "key %s: status %ld\n", key, status);
				fclose(out);
				return 1;
			}
			sleep_ms(20);  /* the server is down: try the same key again */
		}
	}
	fclose(out);
	curl_easy_cleanup(c);
	return 0;
}

static int replay(const char *path)
{
	FILE *f = fopen(path, "r");
	CURL *c = curl_easy_init();
	char key[96], number[32];
	long long id;
	int bad = 0, n = 0;
	while (f && fscanf(f, "%95s %lld %31s", key, &id, number) == 3) {
		struct buf b;
		long status = post(c, "/api/v1/tickets", token, "{\"service\":\"HT\"}", key, &b);
		char got[32];
		json_str(b.data, "number", got, sizeof(got));
		if (status != 201 || json_int(b.data, "id") != id || strcmp(got, number) != 0) {
			printf("key %s: was %lld %s, now %ld %s\n", key, id, number, status,
				b.data ? b.data : "");
			bad++;
		}
		n++;
		free(b.data);
	}
	printf("replayed %d keys, %d differ\n", n, bad);
	if (f) {
		fclose(f);
	}
	curl_easy_cleanup(c);
	return bad || !n;
}

/* --- event streams ---------------------------------------------------------- */

struct stream {
	struct buf b;
	size_t scanned;
	long long after, last;
	int events, want;
	bool opened;
	FILE *print;
	time_t last_event;
};

/* Takes the complete frames in the buffer; a frame ends with a blank line. */
static size_t on_stream(char *p, size_t size, size_t n, void *ud)
{
	struct stream *s = ud;
	collect(p, size, n, &s->b);
	char *end;
	while ((end = strstr(s->b.data + s->scanned, "\n\n"))) {
		char *frame = s->b.data + s->scanned;
		*end = '\0';
		s->opened = true;
		if (strncmp(frame, "id: ", 4) == 0) {
			s->last = atoll(frame + 4);
			s->events++;
			s->last_event = time(NULL);
			if (s->print) {
				fprintf(s->print, "%lld\n", s->last);
			}
		}
		s->scanned = (size_t)(end - s->b.data) + 2;
		if (s->want && s->events >= s->want) {
			return 0;  /* hang up in the middle of the stream */
		}
	}
	return size * n;
}

static CURL *stream_open(struct stream *s, struct curl_slist **h)
{
	char target[512], auth[512];
	CURL *c = curl_easy_init();
	snprintf(target, sizeof(target), "%s/api/v1/events?after=%lld", url, s->after);
	snprintf(auth, sizeof(auth), "Authorization: Bearer %s", token);
	*h = curl_slist_append(NULL, auth);
	curl_easy_setopt(c, CURLOPT_URL, target);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, *h);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_stream);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, s);
	return c;
}

/* Hangs up a stream that brought no event for 2 s. */
static int idle_check(void *ud, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
	curl_off_t ulnow)
{
	const struct stream *s = ud;
	return time(NULL) - s->last_event > 2;
}

static int sse(long long after, int count)
{
	struct stream s = { .after = after, .want = count, .print = stdout,
		.last_event = time(NULL) };
	struct curl_slist *h;
	CURL *c = stream_open(&s, &h);
	curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, idle_check);
	curl_easy_setopt(c, CURLOPT_XFERINFODATA, &s);
	curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
	curl_easy_perform(c);
	curl_easy_cleanup(c);
	curl_slist_free_all(h);
	free(s.b.data);
	return s.opened ? 0 : 1;
}

static int sse_many(int n, long long after, const char *ready)
{
	struct stream *s = calloc((size_t)n, sizeof(*s));
	struct curl_slist **h = calloc((size_t)n, sizeof(*h));
	CURL **easy = calloc((size_t)n, sizeof(*easy));
	CURLM *m = curl_multi_init();
	curl_multi_setopt(m, CURLMOPT_MAX_HOST_CONNECTIONS, 0L);
	for (int i = 0; i < n; i++) {
		s[i].after = after;
		easy[i] = stream_open(&s[i], &h[i]);
		curl_multi_add_handle(m, easy[i]);
	}
	bool announced = false;
	time_t give_up = time(NULL) + 30;
	int running = 1, done = 0, open = 0;
	while (running && time(NULL) < give_up) {
		curl_multi_perform(m, &running);
		curl_multi_poll(m, NULL, 0, 100, NULL);
		open = done = 0;
		for (int i = 0; i < n; i++) {
			open += s[i].opened;
			done += s[i].last > after;
		}
		if (!announced && open == n) {
			FILE *f = fopen(ready, "w");
			if (f) {
				fclose(f);
			}
			announced = true;
		}
		if (done == n) {
			break;
		}
	}
	printf("%d streams open, %d received the event\n", open, done);
	for (int i = 0; i < n; i++) {
		curl_multi_remove_handle(m, easy[i]);
		curl_easy_cleanup(easy[i]);
		curl_slist_free_all(h[i]);
		free(s[i].b.data);
	}
	curl_multi_cleanup(m);
	free(easy);
	free(h);
	free(s);
	return done == n ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: see the comment at the top of client.c\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const char *mode = argv[1];
	url = argv[2];
	token = argv[3];
	int rc = 2;
	if (strcmp(mode, "rush") == 0 && argc == 8) {
		kiosk = argv[3];
		admin = argv[4];
		rc = rush(atoi(argv[5]), atoi(argv[6]), atoi(argv[7]));
	} else if (strcmp(mode, "keys") == 0 && argc == 7) {
		rc = keys(argv[4], atoi(argv[5]), argv[6]);
	} else if (strcmp(mode, "replay") == 0 && argc == 5) {
		rc = replay(argv[4]);
	} else if (strcmp(mode, "sse") == 0 && argc == 6) {
		rc = sse(atoll(argv[4]), atoi(argv[5]));
	} else if (strcmp(mode, "sse-many") == 0 && argc == 7) {
		rc = sse_many(atoi(argv[4]), atoll(argv[5]), argv[6]);
	}
	curl_global_cleanup();
	return rc;
}
