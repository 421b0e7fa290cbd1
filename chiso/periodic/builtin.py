"""The outline offices start from: S3's monthly report to the district committee. (An
institution's yearly report follows its office's outline in chiso.plans.)"""

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
