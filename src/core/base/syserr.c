#include <errno.h>
#include <string.h>
#include "motcua/base/syserr.h"

const char *syserr_words(int err)
{
	switch (err) {
	case 0: return "lỗi không rõ nguyên nhân";
	case ENOENT: return "không có tệp hoặc thư mục này";
	case EACCES:
	case EPERM: return "không có quyền truy cập";
	case EBUSY: return "đang bị chương trình khác dùng";
	case EAGAIN: return "tạm thời chưa dùng được, hãy thử lại";
	case ENODEV:
	case ENXIO: return "không có thiết bị này (đã rút ra hoặc chưa bật nguồn?)";
	case EIO: return "lỗi đọc/ghi thiết bị";
	case ENOSPC:
	case EDQUOT: return "ổ đĩa đã đầy";
	case EROFS: return "ổ đĩa chỉ cho phép đọc";
	case ENOTDIR: return "một phần của đường dẫn không phải thư mục";
	case EISDIR: return "đây là thư mục, không phải tệp";
	case EEXIST: return "đã có tệp này";
	case EXDEV: return "không thể chuyển tệp sang ổ đĩa khác";
	case ENAMETOOLONG: return "đường dẫn quá dài";
	case ENOMEM: return "hết bộ nhớ";
	case EMFILE:
	case ENFILE: return "đang mở quá nhiều tệp";
	case ENOTTY: return "không phải cổng nối tiếp";
	case EINVAL: return "thiết bị không nhận thiết lập này";
	case ETIMEDOUT: return "hết thời gian chờ trả lời";
	case ECONNREFUSED: return "thiết bị từ chối kết nối (sai cổng, hoặc đang bận)";
	case ECONNRESET: return "thiết bị đã ngắt kết nối";
	case EPIPE: return "đầu bên kia đã đóng kết nối";
	case EHOSTUNREACH:
	case ENETUNREACH: return "không tới được thiết bị trên mạng (kiểm tra dây mạng và địa chỉ IP)";
	default: return strerror(err);
	}
}
