"""dieuhanh — theo dõi thực hiện kết luận, chỉ đạo."""
