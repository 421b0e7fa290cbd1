"""The outlines every office starts from, in the one outline syntax (chiso/periodic/outline.py):
S3's monthly report of an office to its People's Committee, and S4's yearly report that an
office asks its institutions for (the national sample, owned by no office)."""

MONTHLY_TITLE = "Báo cáo tháng về chuyển đổi số ngành giáo dục"
MONTHLY_SUBJECT = (
    "Kết quả triển khai thực hiện công tác chuyển đổi số {ky_bao_cao} của ngành giáo dục và đào tạo"
)
# S3 opens with "Căn cứ …" and "Thực hiện Công văn số …" (written in the app, last period's text
# offered again) and closes with "Trên đây là Báo cáo … Trân trọng báo cáo./." (the DOCX adds it).
MONTHLY = """[viết: Căn cứ các kế hoạch, văn bản chỉ đạo của cấp trên (số, ngày, cơ quan ban hành, trích yếu)]
[viết: Thực hiện công văn yêu cầu báo cáo (số, ngày, cơ quan ban hành)]
{don_vi} báo cáo kết quả thực hiện công tác chuyển đổi số {ky_bao_cao}, cụ thể như sau:
# I. KẾT QUẢ THỰC HIỆN
## 1. Công tác triển khai, chỉ đạo thực hiện
[viết: Các kế hoạch, văn bản chỉ đạo đã ban hành trong kỳ]
## 2. Kết quả thực hiện
- Có {ty_le_cong_nhan} hoàn thành việc tự đánh giá mức độ chuyển đổi số năm học {nam_hoc} được công nhận; {ds_theo_muc}.
[bảng: thong_ke_muc_do]
- Học liệu số đã được phê duyệt: các trường mầm non {hoc_lieu_so_mn} sản phẩm, cấp tiểu học {hoc_lieu_so_th} sản phẩm, cấp THCS {hoc_lieu_so_thcs} sản phẩm.
- {ty_le_so_diem} cơ sở dùng sổ điểm điện tử; {ty_le_hoc_ba_so} dùng học bạ điện tử; {ty_le_khong_tien_mat} thu các khoản thu không dùng tiền mặt.
[viết: Các kết quả khác trong kỳ]
## 3. Đánh giá chung
[viết: a) Ưu điểm]
[viết: b) Tồn tại, hạn chế]
# II. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI
[viết: Nhiệm vụ trọng tâm kỳ tới]
# III. NHỮNG KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ ĐỀ XUẤT
## 1. Khó khăn, vướng mắc
[viết: Khó khăn, vướng mắc]
## 2. Kiến nghị, đề xuất
[viết: Kiến nghị, đề xuất]
"""

YEARLY_TITLE = "Báo cáo tổng kết ứng dụng CNTT và chuyển đổi số năm học"
YEARLY_SUBJECT = (
    "Tổng kết đánh giá tình hình triển khai nhiệm vụ ứng dụng công nghệ thông tin và chuyển đổi "
    "số năm học {nam_hoc}"
)
# Seed S4 (Sở GDĐT Bà Rịa – Vũng Tàu, 2023): every field the outline asks for is answered with
# the figure from the data; what only the institution can say is written in the app.
YEARLY = """# I. KHÁI QUÁT CHUNG TÌNH HÌNH ỨNG DỤNG CNTT VÀ CHUYỂN ĐỔI SỐ NĂM HỌC {nam_hoc}
## 1. Nội dung triển khai và kết quả đạt được
[viết: Nội dung triển khai và kết quả đạt được]
## 2. Thuận lợi, khó khăn
[viết: Thuận lợi, khó khăn]
# II. MỘT SỐ NHIỆM VỤ TRỌNG TÂM
## 1. Dạy học trực tuyến kết hợp dạy học trực tiếp
### a) Tổ chức dạy học trực tuyến theo Thông tư số 09/2021/TT-BGDĐT
- Số hiệu, ngày ban hành kế hoạch tổ chức dạy học trực tuyến: {so_ke_hoach_truc_tuyen}.
[viết: Các phương án dạy học trực tuyến đã thực hiện]
### b) Sử dụng phần mềm quản lý học tập (LMS)
- Hệ thống LMS: {lms}.
[viết: Việc dùng LMS để hướng dẫn tự học, kiểm tra đánh giá và phối hợp với gia đình]
### c) Phát triển học liệu số
- Số học liệu số đã được tổ chuyên môn và thủ trưởng đơn vị phê duyệt: {hoc_lieu_so}.
[viết: Học liệu số đã xây dựng, chia sẻ trong năm học]
### d) Kiểm tra, đánh giá trực tuyến và trên máy tính
- Thi, kiểm tra trên phòng máy tính: {co_thi_tren_may}.
[viết: Phương thức và số liệu về đánh giá]
## 2. Phần mềm quản trị, kết nối cơ sở dữ liệu ngành
- Sổ điểm điện tử: {co_so_diem}; học bạ điện tử: {co_hoc_ba_so}; giáo viên được cấp chữ ký số: {chu_ky_so}.
[viết: Ứng dụng kết nối, trao đổi thông tin giữa phụ huynh và nhà trường]
## 3. Báo cáo thống kê giáo dục
- Báo cáo thống kê: {bao_cao_thong_ke}.
[viết: Những việc đã thực hiện, số liệu, minh chứng]
## 4. Thanh toán không dùng tiền mặt
- Tỉ lệ học sinh nộp các khoản thu không dùng tiền mặt: {ty_le_hs_khong_tien_mat}.
- Phần mềm thu các khoản thu không dùng tiền mặt và đơn vị cung cấp: {phan_mem}.
## 5. Đánh giá mức độ chuyển đổi số của đơn vị
- Văn bản tổ chức đánh giá: {van_ban_tu_danh_gia}.
- Kết quả đánh giá: {ket_qua_tu_danh_gia}.
# III. MỘT SỐ GIẢI PHÁP CƠ BẢN
## 1. Kiện toàn bộ phận phụ trách CNTT, chuyển đổi số; nguồn nhân lực
[viết: Số, ngày quyết định hoặc biên bản phân công, phân nhiệm]
[bảng: tap_huan]
[viết: Các lớp tập huấn, bồi dưỡng đã tham gia (tên lớp, thời gian, số người tham gia)]
## 2. Kế hoạch ứng dụng CNTT và chuyển đổi số
- Kế hoạch ứng dụng CNTT, chuyển đổi số: {so_ke_hoach}.
[bảng: hien_trang_cntt]
# IV. ĐÁNH GIÁ CÁC KẾT QUẢ ĐẠT ĐƯỢC VÀ KHÓ KHĂN
## 1. Kết quả đạt được
[viết: Kết quả đạt được]
## 2. Vướng mắc, khó khăn
[viết: Vướng mắc, khó khăn]
# V. KIẾN NGHỊ, ĐỀ XUẤT
[viết: Kiến nghị, đề xuất]
"""
