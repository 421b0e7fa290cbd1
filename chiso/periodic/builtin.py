"""Outlines offices start from: S3's monthly report to the district committee, and a yearly IT/CĐS
report outline for the units (after S4, the provincial outline). Offices copy and adapt them."""

MONTHLY_TITLE = "Báo cáo tháng về chuyển đổi số ngành giáo dục"
MONTHLY_SUBJECT = (
    "Kết quả triển khai thực hiện công tác chuyển đổi số {ky_bao_cao} của ngành giáo dục và đào tạo"
)
MONTHLY = """# I. KẾT QUẢ THỰC HIỆN
## 1. Công tác triển khai, chỉ đạo thực hiện
[viết: Các kế hoạch, văn bản chỉ đạo đã ban hành trong kỳ]
## 2. Kết quả thực hiện
- {ty_le_cong_nhan} các cơ sở giáo dục ({so_cong_nhan}/{so_co_so} trường) hoàn thành việc tự đánh giá mức độ chuyển đổi số năm học {nam_hoc} được công nhận; có {so_muc_3} trường đạt mức độ 3 ({ds_muc_3}), {so_muc_2} trường đạt mức độ 2.
[bảng: thong_ke_muc_do]
- Học liệu số đã được phê duyệt: các trường mầm non {hoc_lieu_so_mn} sản phẩm, cấp tiểu học {hoc_lieu_so_th} sản phẩm, cấp THCS {hoc_lieu_so_thcs} sản phẩm.
- {ty_le_so_diem} cơ sở dùng sổ điểm điện tử; {ty_le_hoc_ba_so} dùng học bạ điện tử; {ty_le_khong_tien_mat} thu các khoản thu không dùng tiền mặt.
[viết: Các kết quả khác trong kỳ]
## 3. Đánh giá chung
[viết: a) Ưu điểm]
[viết: b) Tồn tại, hạn chế và nguyên nhân]
# II. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI
[viết: Nhiệm vụ trọng tâm]
# III. ĐỀ XUẤT, KIẾN NGHỊ
[viết]
"""

YEARLY_TITLE = "Báo cáo tổng kết ứng dụng CNTT và chuyển đổi số năm học"
YEARLY_SUBJECT = "Tổng kết đánh giá tình hình triển khai nhiệm vụ ứng dụng CNTT và chuyển đổi số năm học {nam_hoc}"
YEARLY = """# I. KHÁI QUÁT CHUNG TÌNH HÌNH ỨNG DỤNG CNTT VÀ CHUYỂN ĐỔI SỐ
## 1. Nội dung triển khai và kết quả đạt được
[viết]
## 2. Thuận lợi, khó khăn
[viết]
# II. MỘT SỐ NHIỆM VỤ TRỌNG TÂM
## 1. Dạy học trực tuyến kết hợp dạy học trực tiếp
- Kế hoạch dạy học trực tuyến: {co_ke_hoach_truc_tuyen}. Phần mềm quản lý học tập (LMS): {co_lms}.
[viết: Số hiệu, ngày ban hành kế hoạch; các phương án đã thực hiện; sử dụng LMS]
- Học liệu số đã được phê duyệt: {hoc_lieu_so}.
- Kiểm tra, đánh giá trên máy tính: {co_thi_tren_may}.
[viết: Phương thức và số liệu về đánh giá]
## 2. Phần mềm quản trị, hồ sơ điện tử
- Sổ điểm điện tử: {co_so_diem}; học bạ điện tử: {co_hoc_ba_so}.
[viết]
## 3. Báo cáo thống kê giáo dục
[viết: Những việc đã thực hiện; kỳ đầu năm và cuối năm: đúng hạn hay chậm]
## 4. Thanh toán không dùng tiền mặt
- Thu phí không dùng tiền mặt: {co_khong_tien_mat}.
[viết: Tỷ lệ học sinh nộp không dùng tiền mặt; tên phần mềm và đơn vị cung cấp]
## 5. Đánh giá mức độ chuyển đổi số của đơn vị
- Kết quả tự đánh giá năm học {nam_hoc}: nhóm 1 đạt {diem_nhom_1} điểm (mức {muc_nhom_1}); nhóm 2 đạt {diem_nhom_2} điểm (mức {muc_nhom_2}).
[viết: Số, ngày kế hoạch đánh giá; biên bản, thống kê]
# III. ĐỀ XUẤT, KIẾN NGHỊ
[viết]
"""
