/*
 * What the browser pages need of the API (api_call.h): the officer's login
 * to the web counter page (a PIN checked under its lockout, then a session
 * cookie), the logout, and the clips of a call for the board page, built
 * by the same voice module as motcua-display's announcer so the page never
 * reads numbers itself.
 */
#define LOG_MODULE "api"
#include <stdio.h>
#include <string.h>
#include "api_call.h"
#include "motcua/base/text.h"
#include "motcua/store/counters.h"
#include "motcua/store/officers.h"
#include "motcua/voice/voice.h"
#include "motcua/wire/wire_json.h"
#include "motcua/wire/wire_result.h"
#include "session.h"

/* The cookie's attributes; Secure when the page came over HTTPS. */
static void cookie(struct api_call *call, const char *value, int max_age_s)
{
	const char *origin = http_request_header(call->rq, "Origin");
	bool tls = origin && strncmp(origin, "https://", 8) == 0;
	snprintf(call->set_cookie, sizeof(call->set_cookie),
		"%s=%s; HttpOnly; SameSite=Strict; Path=/; Max-Age=%d%s", SESSION_COOKIE, value,
		max_age_s, tls ? "; Secure" : "");
}

unsigned api_post_login(struct api_call *call)
{
	static const char *const keys[] = { "counter", "officer", "pin", NULL };
	const char *name = NULL, *pin = NULL;
	int64_t counter = 0;
	struct counter c;
	struct officer o;
	struct pin_check check;
	struct result r = { 0 };
	unsigned status;
	if (!api_body_only(call, keys, &status)) {
		return status;
	}
	if (!wire_json_int(call->body, "counter", true, 1, 999, &counter, &r)
			|| !wire_json_string(call->body, "officer", true, OFFICER_NAME_MAX, &name, &r)
			|| !wire_json_string(call->body, "pin", true, 64, &pin, &r)) {
		return api_fail(call, &r);
	}
	if (!counter_find(call->db, (int)counter, &c, &r)) {
		return api_fail(call, &r);
	}
	char where[80];
	snprintf(where, sizeof(where), "web %s", call->rq->peer);
	/* Under the write lock: the lockout's count is a write. */
	api_write_begin(call);
	bool ok = officer_login(call->db, name, pin, where, &o, &check, &r)
		&& (check.outcome != PIN_RIGHT || counter_set_officer(call->db, (int)counter, o.name,
			&r));
	api_write_end(call);
	if (!ok) {
		return api_fail(call, &r);
	}
	if (check.outcome == PIN_LOCKED || (check.outcome == PIN_WRONG && check.lock_started)) {
		char msg[160];
		snprintf(msg, sizeof(msg), "nhập sai mã PIN quá nhiều lần: tài khoản tạm khóa %lld "
			"phút", (long long)((check.locked_ms + 59999) / 60000));
		wire_result_error_code(call->out, WIRE_ERROR_TOO_MANY, msg);
		cJSON_AddNumberToObject(call->out, "locked_ms", (double)check.locked_ms);
		return 429;
	}
	if (check.outcome != PIN_RIGHT) {
		wire_result_error_code(call->out, WIRE_ERROR_UNAUTHORIZED,
			"sai tên cán bộ hoặc mã PIN");
		return 401;
	}
	struct session_info info = { .officer_id = o.id, .counter = (int)counter };
	snprintf(info.officer, sizeof(info.officer), "%s", o.name);
	char id[SESSION_ID_LEN + 1];
	sessions_open(api_sessions(call->api), &info, id);
	cookie(call, id, SESSION_TTL_MS / 1000);
	snprintf(call->rq->who, sizeof(call->rq->who), "officer-%lld", (long long)o.id);
	cJSON_AddStringToObject(call->out, "officer", o.name);
	cJSON_AddNumberToObject(call->out, "counter", (int)counter);
	cJSON_AddStringToObject(call->out, "counter_name", c.name);
	return 200;
}

unsigned api_post_logout(struct api_call *call)
{
	const char *id = http_request_cookie(call->rq, SESSION_COOKIE);
	if (id) {
		sessions_close(api_sessions(call->api), id);
	}
	cookie(call, "", 0);
	return 200;
}

/*
 * GET /api/v1/voice?number=A1005&counter=2: the clip names to play in order
 * (files under /voice/NAME.wav) under the desk's voice settings, and the
 * sentence for the screen.
 */
unsigned api_get_voice(struct api_call *call)
{
	const char *number = http_request_query(call->rq, "number");
	const char *counter_text = http_request_query(call->rq, "counter");
	struct voice_config vc;
	struct voice_sequence seq;
	struct result r = { 0 };
	long counter = 0;
	char sentence[256];
	if (!number || !counter_text || !text_parse_long(counter_text, 1, 999, &counter)
			|| strlen(number) > 15) {
		result_fail(&r, RESULT_ERR_INVALID, "cần ?number=SỐ&counter=QUẦY");
		return api_fail(call, &r);
	}
	voice_config_load(call->db, &vc);
	if (!voice_sequence_build(number, (int)counter, &vc, &seq, &r)
			|| !voice_sentence(number, (int)counter, vc.region, sentence, sizeof(sentence), &r)) {
		return api_fail(call, &r);
	}
	cJSON *clips = cJSON_AddArrayToObject(call->out, "clips");
	for (size_t i = 0; i < seq.n; i++) {
		cJSON_AddItemToArray(clips, cJSON_CreateString(seq.clips[i]));
	}
	cJSON_AddStringToObject(call->out, "sentence", sentence);
	cJSON_AddStringToObject(call->out, "mode", voice_mode_name(vc.mode));
	return 200;
}
