/* Success and failure as JSON (wire_result.h). */
#define LOG_MODULE "wire"
#include <string.h>
#include "motcua/wire/wire_json.h"
#include "motcua/wire/wire_result.h"

void wire_result_ok(cJSON *obj)
{
	if (!cJSON_GetObjectItemCaseSensitive(obj, "ok")) {
		cJSON_AddTrueToObject(obj, "ok");
	}
}

void wire_result_error_code(cJSON *obj, const char *code, const char *message)
{
	cJSON_AddFalseToObject(obj, "ok");
	cJSON_AddStringToObject(obj, "error", code);
	cJSON_AddStringToObject(obj, "message", message);
}

void wire_result_error(cJSON *obj, const struct result *r)
{
	wire_result_error_code(obj, result_code_name(r->code), r->msg);
}

bool wire_result_decode(const cJSON *obj, struct result *r)
{
	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(obj, "ok"))) {
		result_clear(r);
		return true;
	}
	const cJSON *error = cJSON_GetObjectItemCaseSensitive(obj, "error");
	enum result_code code = RESULT_ERR_IO;
	for (int c = RESULT_ERR_DB; cJSON_IsString(error) && c <= RESULT_ERR_IO; c++) {
		if (strcmp(error->valuestring, result_code_name((enum result_code)c)) == 0) {
			code = (enum result_code)c;
		}
	}
	char message[sizeof(r->msg)];
	wire_json_copy(obj, "message", message, sizeof(message));
	return result_fail(r, code, "%s", message[0] ? message : "câu trả lời không hợp lệ");
}
