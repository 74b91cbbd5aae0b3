/*
 * Storage failures in plain words (see db_error.h). The cause is read from
 * the system's errno first (it is the most precise), then from the files:
 * a read-only mount, a file or folder this user may not write, -wal/-shm
 * files left by another user. SQLite's raw text goes to the debug log only.
 */
#define LOG_MODULE "db"
#include <errno.h>
#include <libgen.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>
#include "db_error.h"
#include "motcua/base/log.h"
#include "motcua/base/xalloc.h"

enum cause {
	CAUSE_FULL, CAUSE_NO_FOLDER, CAUSE_READONLY_DISK, CAUSE_READONLY_FOLDER, CAUSE_READONLY_FILE,
	CAUSE_SIDE_FILES, CAUSE_NO_READ, CAUSE_IO, CAUSE_CORRUPT, CAUSE_NOT_DB, CAUSE_OTHER,
};

/* The first of path's -wal and -shm files that exists and this user cannot use. */
static char *unusable_side_file(const char *path)
{
	static const char *const suffixes[] = { "-wal", "-shm" };
	for (size_t i = 0; i < 2; i++) {
		char *side = xasprintf("%s%s", path, suffixes[i]);
		if (access(side, F_OK) == 0 && access(side, R_OK | W_OK) != 0) {
			return side;
		}
		free(side);
	}
	return NULL;
}

static bool mounted_readonly(const char *folder)
{
	struct statvfs vfs;
	return statvfs(folder, &vfs) == 0 && (vfs.f_flag & ST_RDONLY);
}

static enum cause find_cause(const char *path, const char *folder, int code, int sys_errno,
	char **side)
{
	int primary = code & 0xff;
	if (primary == SQLITE_FULL || sys_errno == ENOSPC || sys_errno == EDQUOT) {
		return CAUSE_FULL;
	}
	if (primary == SQLITE_NOTADB) {
		return CAUSE_NOT_DB;
	}
	if (primary == SQLITE_CORRUPT) {
		return CAUSE_CORRUPT;
	}
	if (access(folder, F_OK) != 0) {
		return CAUSE_NO_FOLDER;
	}
	if (sys_errno == EROFS || mounted_readonly(folder)) {
		return CAUSE_READONLY_DISK;
	}
	bool access_problem = primary == SQLITE_READONLY || primary == SQLITE_CANTOPEN
		|| primary == SQLITE_PERM || primary == SQLITE_AUTH
		|| sys_errno == EACCES || sys_errno == EPERM;
	if (access_problem || primary == SQLITE_IOERR) {
		/* Look at the files: which one may this user not use? */
		if (access(path, F_OK) == 0 && access(path, R_OK) != 0) {
			return CAUSE_NO_READ;
		}
		if (access(path, F_OK) == 0 && access(path, W_OK) != 0) {
			return CAUSE_READONLY_FILE;
		}
		if ((*side = unusable_side_file(path)) != NULL) {
			return CAUSE_SIDE_FILES;
		}
		if (access(folder, W_OK | X_OK) != 0) {
			return CAUSE_READONLY_FOLDER;
		}
	}
	if (primary == SQLITE_IOERR || sys_errno == EIO) {
		return CAUSE_IO;
	}
	return access_problem ? CAUSE_READONLY_FILE : CAUSE_OTHER;
}

bool db_error_explain(const char *path, int code, int sys_errno, const char *doing,
	struct result *r)
{
	char *copy = xstrdup(path);
	char *folder = xstrdup(dirname(copy));
	char *side = NULL;
	enum cause cause = find_cause(path, folder, code, sys_errno, &side);
	LOG_DBG("%s: %s: SQLite %d (%s), errno %d (%s)", path, doing, code,
		sqlite3_errstr(code), sys_errno, strerror(sys_errno));
	struct statvfs vfs;
	unsigned long long free_kb = statvfs(folder, &vfs) == 0
		? (unsigned long long)vfs.f_bavail * vfs.f_frsize / 1024 : 0;
	switch (cause) {
	case CAUSE_FULL:
		result_fail(r, RESULT_ERR_DB, "Ổ đĩa chứa cơ sở dữ liệu %s đã đầy (còn %llu KB "
			"trống): thao tác không được lưu. Hãy giải phóng chỗ trống (ví dụ xóa bản sao "
			"lưu cũ, nhật ký cũ) rồi làm lại. [khi %s]", path, free_kb, doing);
		break;
	case CAUSE_NO_FOLDER:
		result_fail(r, RESULT_ERR_DB, "Thư mục %s (của %s) không tồn tại. Hãy kiểm tra lại "
			"đường dẫn, hoặc tạo thư mục (xem README, Hướng dẫn nhanh, bước 1). [khi %s]", folder, path,
			doing);
		break;
	case CAUSE_READONLY_DISK:
		result_fail(r, RESULT_ERR_DB, "Ổ đĩa chứa cơ sở dữ liệu %s đang được gắn chỉ đọc "
			"(read-only), thường vì ổ đĩa có lỗi: không ghi được gì. Hãy kiểm tra ổ đĩa "
			"(dmesg, fsck), gắn lại cho phép ghi rồi làm lại. [khi %s]", path, doing);
		break;
	case CAUSE_READONLY_FOLDER:
		result_fail(r, RESULT_ERR_DB, "Không ghi được vào thư mục %s của cơ sở dữ liệu %s: "
			"thư mục chỉ cho đọc với người dùng này, mà SQLite cần tạo tệp -wal và -shm bên "
			"cạnh. Hãy cho nhóm motcua quyền ghi: chgrp motcua %s && chmod 2770 %s. [khi %s]",
			folder, path, folder, folder, doing);
		break;
	case CAUSE_READONLY_FILE:
		result_fail(r, RESULT_ERR_DB, "Cơ sở dữ liệu %s chỉ cho đọc với người dùng này "
			"(quyền của tệp). Hãy cho nhóm motcua quyền ghi: chgrp motcua %s && chmod 660 "
			"%s. [khi %s]", path, path, path, doing);
		break;
	case CAUSE_SIDE_FILES:
		result_fail(r, RESULT_ERR_DB, "Tệp %s (đi kèm cơ sở dữ liệu %s) không đọc/ghi được "
			"với người dùng này: thường do một chương trình chạy dưới người dùng khác đã tạo "
			"nó. Hãy cho nhóm motcua quyền: chgrp motcua %s && chmod 660 %s. [khi %s]",
			side, path, side, side, doing);
		break;
	case CAUSE_NO_READ:
		result_fail(r, RESULT_ERR_DB, "Không có quyền đọc cơ sở dữ liệu %s. Hãy chạy chương "
			"trình với người dùng thuộc nhóm motcua, hoặc: chgrp motcua %s && chmod 660 %s. "
			"[khi %s]", path, path, path, doing);
		break;
	case CAUSE_IO:
		result_fail(r, RESULT_ERR_DB, "Lỗi đọc/ghi ổ đĩa (I/O error) ở cơ sở dữ liệu %s: ổ "
			"đĩa có thể hỏng hoặc đã bị rút ra. Hãy kiểm tra ổ đĩa (dmesg), chạy `motcua "
			"check`; nếu tệp hỏng, khôi phục từ bản sao lưu gần nhất. [khi %s]", path, doing);
		break;
	case CAUSE_CORRUPT:
		result_fail(r, RESULT_ERR_DB, "Cơ sở dữ liệu %s bị hỏng. Hãy ngừng các chương trình "
			"motcua, chạy `motcua check`, và khôi phục từ bản sao lưu gần nhất. [khi %s]",
			path, doing);
		break;
	case CAUSE_NOT_DB:
		result_fail(r, RESULT_ERR_DB, "%s không phải cơ sở dữ liệu motcua. Hãy kiểm tra "
			"đường dẫn --db (hoặc $MOTCUA_DB); chỉ lệnh `motcua init` tạo cơ sở dữ liệu mới. "
			"[khi %s]", path, doing);
		break;
	case CAUSE_OTHER:
		result_fail(r, RESULT_ERR_DB, "Lỗi cơ sở dữ liệu %s: %s. [khi %s]", path,
			sqlite3_errstr(code), doing);
		break;
	}
	free(side);
	free(folder);
	free(copy);
	return false;
}
