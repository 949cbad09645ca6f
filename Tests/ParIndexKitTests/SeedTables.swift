import Foundation

// Appendix tables of the seed documents (/work/shared/seeds), verbatim: tab-separated,
// header rows repeated where the documents repeat them.

enum SeedTables {
    /// Seed 000.
    static let plan2020 = #"""
STT	Lĩnh vực/Tiêu chí/Tiêu chí thành phần	Điểm chuẩn	Điểm đạt năm 2019	Mục tiêu năm 2020	Nhiệm vụ, giải pháp	Phòng chủ trì	Phòng phối hợp
A	ĐIỂM THUỐC HIỆN CCHC						
1	Cải cách thủ tục hành chính						
1.1	Kiểm soát quy định thủ tục hành chính (TTHC)	1	1	1	<ul style="list-style-type: none"> - Tham mưu UBND tỉnh ban hành các quy định TTHC đúng thẩm quyền. - Tham mưu UBND tỉnh xử lý và kiến nghị xử lý 100% vấn đề phát hiện qua rà soát TTHC. - Báo cáo kiểm soát TTHC đúng thời gian quy định 	NCKSTTHC	Các phòng, đơn vị liên quan
1.2	Công bố, công khai TTHC và kết quả giải quyết hồ sơ						
1.2.1	Công bố TTHC và danh mục TTHC thuộc thẩm quyền giải quyết của các cấp chính quyền trên địa bàn tỉnh	0,25	0,25	0,25	<ul style="list-style-type: none"> - Tham mưu UBND tỉnh công bố 100% quy định, danh mục TTHC kịp thời, đúng quy định. - Báo cáo kết quả thực hiện 	NCKSTTHC	Các phòng, đơn vị liên quan
1.2.2	Nhập, đăng tải công khai TTHC vào Cơ sở dữ liệu quốc gia sau khi công bố	0,25	0,25	0,25	<ul style="list-style-type: none"> - Cập nhật TTHC và các văn bản quy định về TTHC vào Cơ sở dữ liệu quốc gia kịp thời theo hướng dẫn. - Báo cáo kết quả thực hiện 	NCKSTTHC	Các phòng, đơn vị liên quan
1.2.3	Phê duyệt quy trình nội bộ giải quyết TTHC	0,75	0,75	0,75	Các Sở, Ban, ngành phối hợp Văn phòng UBND tỉnh xây dựng quy trình nội bộ cho từng TTHC thuộc thẩm quyền tiếp nhận và giải quyết của cấp tỉnh, cấp huyện, cấp xã theo lĩnh vực	NCKSTTHC	Các phòng, đơn vị liên quan
STT	Lĩnh vực/Tiêu chí/Tiêu chí thành phần	Điểm chuẩn	Điểm đạt năm 2019	Mục tiêu năm 2020	Nhiệm vụ, giải pháp	Phòng chủ trì	Phòng phối hợp
1.2.4	Tích hợp TTHC từ Cơ sở dữ liệu quốc gia về Công thông tin điện tử của tỉnh	0,75	0,25	0,75	<ul style="list-style-type: none"> - Hướng dẫn, đôn đốc, kiểm tra các cơ quan, đơn vị công khai TTHC trên Trang thông tin điện tử của cơ quan, đơn vị, đảm bảo: - 100% TTHC được công khai đầy đủ trên Công thông tin điện tử của tỉnh; - 100% cơ quan chuyên môn cấp tỉnh công khai TTHC thuộc thẩm quyền giải quyết trên Trang TTĐT của đơn vị - 100% đơn vị hành chính cấp huyện công khai TTHC thuộc thẩm quyền giải quyết trên Trang TTĐT của đơn vị - Bảo cáo kết quả thực hiện 	CTTĐT	NCKSTTHC
1.2.5	Công khai tiến độ, kết quả giải quyết hồ sơ TTHC trên Công dịch vụ công của tỉnh	0,75	0,25	0,75	<ul style="list-style-type: none"> - Cập nhật kịp thời, chính xác 100% tiến độ, kết quả giải quyết hồ sơ TTHC trên Công dịch vụ công của tỉnh 	NCKSTTHC	TTHCC
2.2	Thực hiện cơ chế một cửa, một cửa liên thông				<ul style="list-style-type: none"> - Rà soát, công bố danh mục TTHC thực hiện việc tiếp nhận và trả kết quả theo cơ chế một cửa các cấp. - Theo dõi, đôn đốc các cơ quan, đơn vị, đảm bảo 100% TTHC thuộc thẩm quyền giải quyết của cấp tỉnh, cấp huyện, cấp xã được thực hiện theo cơ chế một cửa theo quy định của UBND 		
2.2.1	Tỷ lệ TTHC thực hiện việc tiếp nhận, trả kết quả tại Bộ phận Một cửa	1	1	1		NCKSTTHC	TTHCC
STT	Lĩnh vực/Tiêu chí/Tiêu chí thành phần	Điểm chuẩn	Điểm đạt năm 2019	Mức tiêu năm 2020	Nhiệm vụ, giải pháp	Phòng chủ trì	Phòng phối hợp
2.2.2	Số TTHC hoặc nhóm TTHC được giải quyết theo hình thức liên thông cùng cấp	1	1	1	<ul style="list-style-type: none"> - Báo cáo kết quả thực hiện - Rà soát, công bố danh mục TTHC thực hiện việc tiếp nhận và trả kết quả theo cơ chế một cửa liên thông cùng cấp. - Theo dõi, đôn đốc các cơ quan, đơn vị, đảm bảo 100% TTHC thực hiện theo hình thức liên thông cùng cấp được thực hiện theo quy định của UBND tỉnh. - Báo cáo kết quả thực hiện 	NCKSTTHC	TTHCC
2.2.3	Số TTHC hoặc nhóm TTHC được giải quyết theo hình thức liên thông giữa các cấp chính quyền	1	1	1	<ul style="list-style-type: none"> - Rà soát, công bố danh mục TTHC thực hiện việc tiếp nhận và trả kết quả theo cơ chế một cửa liên thông giữa các cấp chính quyền - Theo dõi, đôn đốc các cơ quan, đơn vị, đảm bảo 100% TTHC thực hiện theo hình thức liên thông giữa các cấp chính quyền được thực hiện theo quy định của UBND tỉnh. - Báo cáo kết quả thực hiện 	NCKSTTHC	TTHCC
3.3	Kết quả giải quyết TTHC				Trung tâm Hành chính công tỉnh; Bộ phận Một cửa cấp huyện, Bộ phận Một cửa cấp xã thực hiện thu nhận thông tin đánh giá chất lượng giải quyết TTHC theo một trong các hình thức quy định tại Nghị định số 61/2018/NĐ-CP và		
-	Đánh giá chất lượng giải quyết TTHC của địa phương	0,75	0,75	0,75		NCKSTTHC	TTHCC
STT	Lĩnh vực/Tiêu chí/Tiêu chí thành phần	Điểm chuẩn	Điểm đạt năm 2019	Mục tiêu năm 2020	Nhiệm vụ, giải pháp	Phòng chủ trì	Phòng phối hợp
4	Hiện đại hóa hành chính						
4.1	Ứng dụng công nghệ thông tin (CNTT) của tỉnh						
4.1.1	Thực hiện kết nối, liên thông các phần mềm quản lý văn bản (từ cấp tỉnh đến cấp xã)	1	1	1	<ul style="list-style-type: none"> - Hướng dẫn, kiểm tra việc sử dụng Phần mềm quản lý văn bản tại các cơ quan, đơn vị cấp tỉnh, cấp huyện, cấp xã, đảm bảo triển khai hiệu quả. - Báo cáo kết quả thực hiện 	CTTBDT	
4.1.2	Vận hành công dịch vụ công của tỉnh	1	1	1	Tiếp tục theo dõi, đôn đốc, hướng dẫn các cơ quan, đơn vị trong việc cập nhật dữ liệu trên Phần mềm một cửa điện tử, Cổng dịch vụ công của tỉnh	NCKSTTHC	TTHCC
4.1.3	Xây dựng, vận hành Cổng dịch vụ công	1	0,5	1	Nâng cấp hệ thống Dịch vụ công của tỉnh đáp ứng đầy đủ các tiêu chuẩn kỹ thuật được quy định trong quyết định 1697/QĐ-BTTTT ngày 23/10/2018 của Bộ Thông tin và Truyền thông	CTTBDT	NCKSTTHC
4.1.4	Xây dựng Hệ thống thông tin báo cáo cấp tỉnh	1	0	0,5	Rà soát, tổng hợp tất cả các chế độ báo cáo hiện hành tại các quy định pháp luật (biểu mẫu kèm theo)	NCKSTTHC	Các phòng, đơn vị có liên quan
STT	Lĩnh vực/Tiêu chí/Tiêu chí thành phần	Điểm chuẩn	Điểm đạt năm 2019	Mục tiêu năm 2020	Nhiệm vụ, giải pháp	Phòng chủ trì	Phòng phối hợp
4.2	Cung cấp dịch vụ công trực tuyến				Đề xuất đầu tư (thuê) phần mềm hệ thống thông tin báo cáo đảm bảo các chế độ báo cáo được chuẩn hóa theo quy định; kết nối với hệ thống thông tin báo cáo của Chính phủ	CTTĐT	
4.2.1	Tỷ lệ TTHC cung cấp trực tuyến mức độ 3, 4 có phát sinh hồ sơ trong năm	0,25	0	0,25	- Tiếp tục theo dõi, đôn đốc, hướng dẫn các cơ quan, đơn vị, người dân, doanh nghiệp thực hiện cung ứng dịch vụ công trực tuyến mức độ 3, mức độ 4 theo danh mục TTHC đã được phê duyệt. - Thực hiện tuyên truyền bằng nhiều hình thức để người dân, doanh nghiệp biết, hiểu và sử dụng dịch vụ công trực tuyến.	NCKSTTHC	TTHCC
4.2.2	Tỷ lệ hồ sơ TTHC được xử lý trực tuyến mức độ 3 và 4	1	1	1	Tiếp tục theo dõi, đôn đốc, hướng dẫn các cơ quan, đơn vị, người dân, doanh nghiệp thực hiện dịch vụ công trực tuyến mức độ 3, mức độ 4 theo danh mục TTHC đã được phê duyệt. Đảm bảo trong năm có từ 20% số hồ sơ TTHC trở lên được xử lý trực tuyến mức độ 3, mức độ 4	NCKSTTHC	TTHCC
"""#

    /// Seed 002.
    static let assignment2022 = #"""
stt	Chỉ số	Đơn vị phụ trách	Đơn vị phối hợp	Người thực hiện
I	Công khai, minh bạch	Văn phòng HĐND và UBND huyện	Các cơ quan chuyên môn và UBND các xã	Nguyễn Anh Văn
1.	Tỷ lệ thủ tục hành chính được cập nhật, công khai đúng hạn			
2.	Tỷ lệ thủ tục hành chính được công khai có đầy đủ các nội dung quy định về các bộ phận tạo thành của thủ tục hành chính			
3.	Tỷ lệ hồ sơ đồng bộ lên Cổng dịch vụ công quốc gia			
II	Tiến độ, kết quả giải quyết	Văn phòng HĐND và UBND huyện	Các cơ quan chuyên môn và UBND các xã	Nguyễn Thị Kim Yến
4.	Tỷ lệ hồ sơ xử lý đúng hạn			
III.1	Cung cấp dịch vụ công trực tuyến	Bộ phận Tiếp nhận và trả kết quả của huyện	Các cơ quan chuyên môn và UBND các xã	Thành viên Bộ phận Tiếp nhận và trả kết quả của huyện
5.	Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến			
6.	Tỷ lệ dịch vụ công trực tuyến có phát sinh hồ sơ			
7.	Tỷ lệ hồ sơ TTHC theo hình thức nộp hồ sơ trực tuyến			
III.2	Thanh toán trực tuyến	Bộ phận Tiếp nhận và trả kết quả của huyện	Các cơ quan chuyên môn và UBND các xã	Thành viên Bộ phận Tiếp nhận và trả kết quả của huyện
8.	Tỷ lệ thủ tục hành chính có giao dịch thanh toán trực tuyến			
9.	Tỷ lệ TTHC có yêu cầu nghĩa vụ tài chính được tích hợp để người dân có thể thanh toán trực tuyến trên Cổng dịch vụ công quốc gia			
10.	Tỷ lệ hồ sơ thanh toán trực tuyến			
IV.1	Số hóa hồ sơ	Bộ phận Tiếp nhận và trả kết quả của huyện	Các cơ quan chuyên môn và UBND các xã	Thành viên Bộ phận Tiếp nhận và trả kết quả của huyện
11.	Tỷ lệ hồ sơ thủ tục hành chính có cấp kết quả giải quyết			
12.	Tỷ lệ hồ sơ thủ tục hành chính thực hiện số hóa hồ sơ			
13.	Tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu số hóa			
14.	Tỷ lệ cung cấp dịch vụ chứng thực bản sao điện tử từ bản chính			
15.	Tỷ lệ hồ sơ TTHC được số hóa có kết nối, đồng bộ với danh mục hồ sơ của cá nhân, tổ chức trên Cổng dịch vụ công quốc gia			
IV.2	Ứng dụng dữ liệu dân cư trong giải quyết thủ tục hành chính, cấp dịch vụ công	Công an huyện	Các phòng chuyên môn và UBND các xã	Trương Việt Hùng
16.	Tỷ lệ TTHC triển khai kết nối, chia sẻ dữ liệu dân cư phục vụ giải quyết TTHC			
	Tỷ lệ hồ sơ TTHC có sử dụng thông tin, dữ liệu dân cư			
V	Mức độ hài lòng	Phòng Nội vụ	Các phòng chuyên môn và UBND các xã	Nguyễn Thành Công Hào
17.	Tỷ lệ phản ánh, kiến nghị xử lý đúng hạn			
18.	Tỷ lệ hài lòng trong xử lý phản ánh, kiến nghị			
19.	Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC			
"""#

    /// Seed 003.
    static let plan2023 = #"""
STT	Lĩnh vực, tiêu chí	Điểm chuẩn	Điểm 2022 đạt được	Mục tiêu năm 2023	Nhiệm vụ, giải pháp	Đơn vị chủ trì
1	CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC					
1.1	Công tác tuyên truyền CCHC					
1.1.1	Tuyên truyền nội dung CCHC tại cơ quan, đơn vị thông qua một trong các hình thức sau: Phổ biến văn bản liên quan CCHC; Tổ chức cuộc thi, tập huấn, tọa đàm và các hình thức khác.	2	1	2	Thực hiện hoàn thành 100% nhiệm vụ tuyên truyền CCHC.	Văn phòng Sở; Trung tâm TTKT& UDKHCN
1.2	Sự năng động trong công tác CCHC					
1.2.1	Triển khai, hướng dẫn, đôn đốc thực hiện CCHC theo các văn bản chỉ đạo của UBND tỉnh, các ngành liên quan.	0,5	0,25	0,5	Ban hành đầy đủ các văn bản liên quan về Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh (PAPI); Chỉ số hài lòng về dịch vụ hành chính công (SIPAS) và các văn bản khác.	Văn phòng Sở
1.2.2	Có đưa nội dung CCHC để đánh giá, kiểm điểm trong các cuộc họp giao ban quý định kỳ và thông báo kết luận chỉ đạo bằng văn bản.	0,5	0	0,5	Ban hành đầy đủ 04 Thông báo kết luận của 04 cuộc họp giao ban quý có nội dung đánh giá cải cách hành chính.	Văn phòng Sở
STT	Lĩnh vực, tiêu chí	Điểm chuẩn	Điểm 2022 đạt được	Mục tiêu năm 2023	Nhiệm vụ, giải pháp	Đơn vị chủ trì
1.3	Sáng kiến giải pháp mới trong công tác CCHC trong năm	2	0	2	Nghiên cứu, xây dựng và áp dụng ít nhất 01 sáng kiến CCHC trở lên	Các phòng, đơn vị trực thuộc
2	CẢI CÁCH THỂ CHẾ					
2.1	Theo dõi thi hành pháp luật (TĐTHPL)					
2.1.1	Báo cáo theo dõi thi hành pháp luật	0,5	0	0,5	Báo cáo đúng thời gian quy định	Văn phòng Sở
2.2	Rà soát văn bản QPPL					
2.2.1	Xử lý kết quả rà soát VBQPPL	1	0	1	Rà soát đầy đủ và thực hiện xử lý sau rà soát đảm bảo đúng quy định	Văn phòng Sở
3	CẢI CÁCH THỦ TỤC HÀNH CHÍNH					
3.1	Công bố, công khai TTHC					
3.1.1	Tham mưu UBND tỉnh công bố TTHC theo quy định	1	0	1	Tham mưu UBND tỉnh kịp thời công bố TTHC khi có sự thay đổi	Văn phòng Sở
4	XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ					
4.1	Chuyển đổi số/phát triển chính quyền số của cơ quan, đơn vị					
4.1.1	Tỷ lệ sử dụng văn bản điện tử của đơn vị	2	0	2	Phấn đấu tỷ lệ sử dụng văn bản điện tử đạt 90% trở lên	Các phòng, đơn vị trực thuộc
4.2	Cung cấp dịch vụ công trực tuyến					
STT	Lĩnh vực, tiêu chí	Điểm chuẩn	Điểm 2022 đạt được	Mục tiêu năm 2023	Nhiệm vụ, giải pháp	Đơn vị chủ trì
4.2.1	Tỷ lệ TTHC cung cấp trực tuyến mức độ 3 có phát sinh hồ sơ	1	0,2	1	Phần đầu tỷ lệ TTHC cung cấp trực tuyến mức độ 3 có phát sinh hồ sơ đạt 50%	Các phòng, đơn vị trực thuộc
4.2.2	Tỷ lệ hồ sơ TTHC được giải quyết trực tuyến mức độ 3	1,5	0,2	1,5	Phần đầu tỷ lệ hồ sơ TTHC được giải quyết trực tuyến mức độ 3 đạt 30%	Các phòng, đơn vị trực thuộc
4.2.3	Tỷ lệ TTHC cung cấp trực tuyến mức độ 4 có phát sinh hồ sơ	1	0	1	Phần đầu tỷ lệ TTHC cung cấp trực tuyến mức độ 4 có phát sinh hồ sơ đạt 50%	Các phòng, đơn vị trực thuộc
4.2.4	Tỷ lệ hồ sơ TTHC được giải quyết trực tuyến mức độ 4	1,5	0	1,5	Tỷ lệ hồ sơ TTHC được giải quyết trực tuyến mức độ 4 đạt 30%	Các phòng, đơn vị trực thuộc
4.3	An toàn thông tin mạng	0,5	0	0,5	Công thông tin truy xuất nguồn gốc được phê duyệt	
"""#

    /// Seed 004.
    static let remediation2023 = #"""
STT	Nội dung khắc phục	Cơ quan chủ trì	Cơ quan phối hợp	Thời gian hoàn thành
1	Chất lượng báo cáo và thời gian báo cáo	Phòng Nội vụ	Các phòng, ban liên quan và UBND các xã, thị trấn	Theo quy định báo cáo quý, 6 tháng và năm
2	Có đưa nội dung CCHC để đánh giá kiểm điểm trong các cuộc họp giao ban quý và thông báo kết luận bằng văn bản	Văn phòng HĐND&UBND huyện	Phòng Nội vụ, các phòng ban liên quan	Thông báo Kết luận cuộc họp giao ban tháng, quý của UBND huyện
3	Sáng kiến kinh nghiệm trong công tác cải cách hành chính	Phòng Nội vụ	Các phòng, ban, ngành đoàn thể, UBND các xã, thị trấn	Trước ngày 15/11/2023
4	Tuyên truyền CCHC thông qua các hình thức: thông qua các phương tiện thông tin đại chúng của địa phương; phổ biến văn bản liên quan CCHC; Tổ chức cuộc thi, tập huấn, tọa đàm	Văn phòng HĐND&UBND, Phòng Văn hóa và Thông tin; Trung tâm Văn hóa – TT-TT	Các phòng, ban có liên quan	Thường xuyên
STT	Nội dung khắc phục	Cơ quan chủ trì	Cơ quan phối hợp	Thời gian hoàn thành
5	Triển khai, hướng dẫn, đôn đốc thực hiện CCHC theo các văn bản chỉ đạo của UBND tỉnh, các ngành liên quan	Phòng Nội vụ; Văn phòng HĐND&UBND; Tài chính – Kế hoạch; Tư pháp; Văn hóa và Thông tin	Các phòng, ban liên quan	Thường xuyên
6	Việc ban hành Kế hoạch kiểm soát thủ tục hành chính	Văn phòng HĐND&UBND huyện	Các phòng, ban liên quan	Trước ngày 25/12 hàng năm
7	Việc ban hành Kế hoạch rà soát, đơn giản hóa TTHC	Văn phòng HĐND&UBND huyện	Các phòng, ban liên quan	Trước ngày 25/12 hàng năm
8	Tỷ lệ giải quyết thủ tục hành chính đúng hẹn ở cấp xã và cấp huyện	Văn phòng HĐND&UBND huyện; UBND các xã, thị trấn	Chi nhánh Văn phòng đăng ký đất đai; Phòng Tài nguyên và Môi trường	Thường xuyên
9	Việc cập nhật kết quả giải quyết thủ tục hành chính trên phần mềm một cửa điện tử:	Văn phòng HĐND&UBND huyện; UBND các xã, thị trấn	Các phòng, ban liên quan	Thường xuyên
10	Thực hiện việc xin lỗi bằng văn bản khi giải quyết thủ tục hành	Văn phòng HĐND&UBND	Các phòng, ban, đơn vị liên quan	Thường xuyên
STT	Nội dung khắc phục	Cơ quan chủ trì	Cơ quan phối hợp	Thời gian hoàn thành
	chính sai sót, trễ hạn	huyện; Phòng Tài nguyên và Môi trường, Chi nhánh Văn phòng đăng ký đất đai; UBND các xã, thị trấn		
11	Báo cáo định kỳ kết quả thực hiện Kế hoạch số hóa theo quy định	Phòng Văn hóa và Thông tin	Các phòng, ban, đơn vị liên quan	Theo quy định báo cáo quý, 6 tháng và năm
12	Thực hiện kiểm tra, đánh giá định kỳ đối với các nhiệm vụ đã được phân cấp	Phòng Nội vụ	Các phòng, ban, đơn vị liên quan	Thường xuyên
13	Cập nhật đầy đủ thông tin CBCC,VC trên hệ thống phần mềm thông tin quản lý CBCC,VC của tỉnh	Phòng Nội vụ	Các phòng, ban, đơn vị liên quan	Thường xuyên
14	Chấp hành kỷ luật, kỷ cương hành chính của cán bộ, công chức, viên chức	Văn phòng HĐND&UBND huyện; Chi nhánh Văn phòng đăng ký đất đai; Phòng Tài nguyên và Môi trường; Phòng Nội vụ	Các phòng, ban, đơn vị liên quan	Thường xuyên
15	Mức độ thực hiện Kế hoạch chuyển đổi số phát triển Chính quyền số trong năm	Phòng Văn hóa và Thông tin	Các phòng, ban, đơn vị liên quan	Thường xuyên
STT	Nội dung khắc phục	Cơ quan chủ trì	Cơ quan phối hợp	Thời gian hoàn thành
16	Tỷ lệ sử dụng văn bản điện tử từ cấp huyện đến cấp xã (Chỉ thống kê tỷ lệ văn bản được gửi hoàn toàn dưới dạng điện tử, sử dụng chữ ký số và chứng thư số)	Phòng Văn hóa và Thông tin; Văn phòng HĐND&UBND huyện; UBND các xã, thị trấn	Các phòng, ban, đơn vị liên quan	Thường xuyên
17	Tỷ lệ cán bộ công chức, viên chức được cung cấp và sử dụng hộp thư điện tử công vụ hỗ trợ trao đổi công việc	Phòng Văn hóa và Thông tin; UBND các xã, thị trấn	Các phòng, ban, đơn vị liên quan	Thường xuyên
18	Việc cung cấp dịch vụ công trực tuyến	Văn phòng HĐND&UBND huyện	Các phòng, ban, đơn vị liên quan	Thường xuyên
19	Sự tác động của CCHC đến sự hài lòng của người dân, tổ chức và các chỉ tiêu phát triển kinh tế - xã hội của địa phương	Phòng Nội vụ	Các phòng, ban, đơn vị liên quan	Thường xuyên
20	Mức độ phát triển doanh nghiệp	Phòng Tài chính – Kế hoạch	Các phòng, ban, đơn vị liên quan	Thường xuyên
21	Mức độ thực hiện các chỉ tiêu phát triển KT-XH do HĐND huyện giao	Phòng Tài chính – Kế hoạch	Các phòng, ban, đơn vị liên quan	Thường xuyên
Tổng cộng: 21 nội dung				
"""#

    /// Rows as (1-based column, text) cells, empty cells left out.
    static func rows(_ table: String) -> [[(column: Int, text: String)]] {
        table.split(separator: "\n", omittingEmptySubsequences: true).map { line in
            line.split(separator: "\t", omittingEmptySubsequences: false).enumerated().compactMap { i, cell in
                cell.trimmingCharacters(in: .whitespaces).isEmpty ? nil : (i + 1, String(cell))
            }
        }
    }

    /// The first cell (STT) of every row, in order, as written.
    static func codeColumn(_ table: String) -> [String] {
        table.split(separator: "\n", omittingEmptySubsequences: true).map { line in
            String(line.split(separator: "\t", omittingEmptySubsequences: false).first ?? "")
        }
    }
}
