#pragma once
/*
 * What the kiosk says to citizens and staff, in one place, so the wording
 * can be reviewed at once and the layout measures the same strings the
 * screens draw.
 */

/* Home and group screens */
#define TXT_TITLE "Mời chọn lĩnh vực cần giải quyết"
#define TXT_NO_FIELD "Hiện chưa có lĩnh vực nào nhận hồ sơ"
#define TXT_WAITING_FMT "Đang chờ: %d người"
#define TXT_WAITING_WIDEST "Đang chờ: 999 người"   /* measured for the layout */
#define TXT_NOBODY "Không có người đang chờ"
#define TXT_FULL "Đã hết số hôm nay"
#define TXT_PRIO "ƯU TIÊN"
#define TXT_PRIO_SUB "Lấy số ưu tiên"
#define TXT_PRIO_FULL "Hết số"
#define TXT_GROUP_FMT "Gồm %zu lĩnh vực"
#define TXT_GROUP_WIDEST "Gồm 99 lĩnh vực"
#define TXT_BACK "Quay lại"
#define TXT_PAGE_PREV "Trang trước"
#define TXT_PAGE_NEXT "Trang sau"
#define TXT_PAGE_FMT "Trang %zu/%zu"
#define TXT_LEGEND "dành cho người cao tuổi, người khuyết tật, phụ nữ mang thai, " \
	"người có con nhỏ, người có công với cách mạng"

/* Printer banner, busy, ticket and error screens */
#define TXT_SEE_STAFF "Vui lòng liên hệ cán bộ"
#define TXT_PRINTING "Đang in phiếu…"
#define TXT_PLEASE_WAIT "Vui lòng chờ trong giây lát"
#define TXT_YOUR_NUMBER "SỐ THỨ TỰ"
#define TXT_YOUR_PRIO_NUMBER "SỐ THỨ TỰ ƯU TIÊN"
#define TXT_NOBODY_AHEAD "Không có ai chờ trước"
#define TXT_AHEAD_FMT "Có %d người đang chờ trước"
#define TXT_WAIT_FMT "Thời gian chờ dự kiến: khoảng %d phút"
#define TXT_TAKE_TICKET "Vui lòng nhận phiếu"
#define TXT_NOT_RECEIVED "Nếu chưa nhận được phiếu, vui lòng liên hệ cán bộ"
#define TXT_TAP_TO_GO_BACK "Chạm vào màn hình để quay lại"
#define TXT_NO_NUMBER "Chưa lấy được số"
/* The LAN server cannot be reached (a kiosk with --server): nothing was issued. */
#define TXT_OFFLINE "Máy lấy số tạm thời không kết nối được"
#define TXT_OFFLINE_DETAIL "Quý công dân vui lòng chờ trong giây lát hoặc hỏi cán bộ."

/* PIN pad */
#define TXT_PIN_PROMPT "Nhập mã PIN quản trị"
#define TXT_PIN_LOCKED_FMT "Tạm khóa %lld phút do nhập sai"
#define TXT_PIN_SHORT_FMT "Mã PIN phải có ít nhất %d chữ số"
#define TXT_PIN_CHECKING "Đang kiểm tra…"
#define TXT_PIN_NOT_SET "Chưa đặt mã PIN (lệnh: motcua pin set)"
#define TXT_PIN_CANNOT_CHECK "Không kiểm tra được mã PIN. Vui lòng thử lại sau."
#define TXT_PIN_WRONG "Sai mã PIN"
#define TXT_CANCEL "Hủy"

/* Admin screen */
#define TXT_ADMIN_TITLE "Quản trị máy lấy số"
#define TXT_ADMIN_PRINTER_FMT "Máy in: %s"
#define TXT_ADMIN_NO_PRINTER "(chưa chọn máy in: dùng tùy chọn --printer)"
#define TXT_ADMIN_CHECKING "Trạng thái: đang kiểm tra…"
#define TXT_ADMIN_STATUS_FMT "Trạng thái: %s%s%s"
#define TXT_ADMIN_LAST_FMT "Phiếu cuối: %s – %s%s"
#define TXT_ADMIN_LAST_UNCONFIRMED " (chưa xác nhận đã in)"
#define TXT_ADMIN_NO_LAST "Phiếu cuối: chưa có"
#define TXT_ADMIN_UNCONFIRMED_FMT "Chưa xác nhận đã in hôm nay: %s"
#define TXT_ADMIN_NONE "không có"
#define TXT_ADMIN_DB_FMT "Cơ sở dữ liệu: %s"
#define TXT_ADMIN_SELFTEST "In thử (tự kiểm tra)"
#define TXT_ADMIN_REPRINT "In lại phiếu cuối"
#define TXT_ADMIN_EXIT "Thoát chương trình"
#define TXT_ADMIN_PRINTING "Đang in…"
#define TXT_ADMIN_NOTHING_TO_REPRINT "Chưa in phiếu nào từ khi mở chương trình."
#define TXT_ADMIN_SELFTEST_DONE "Đã in phiếu kiểm tra."
#define TXT_ADMIN_REPRINT_DONE_FMT "Đã in lại phiếu %s."
#define TXT_ADMIN_PRINT_FAILED_FMT "Không in được: %s%s%s"
#define TXT_ADMIN_PRINT_ERROR "Không in được. Xem nhật ký của máy lấy số (journalctl -u motcua-kiosk)."
#define TXT_CONFIRM_EXIT_TITLE "Thoát chương trình máy lấy số?"
#define TXT_CONFIRM_EXIT_TEXT "Công dân sẽ không lấy được số cho đến khi chương trình được mở lại."
#define TXT_CONFIRM_EXIT_YES "Thoát"
#define TXT_CONFIRM_EXIT_NO "Không thoát"
