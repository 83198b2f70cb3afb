"""Synthetic dossiers for scale tests: realistic kế hoạch, bản đăng ký, báo cáo, biên bản with ground truth."""
