"""Vietnamese letter classes for patterns (Python's re has no \\p{Lu}; the range À-Ỹ mixes cases)."""

UPPER = "A-ZĐÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ"
CAP_WORD = rf"[{UPPER}]\w*"
