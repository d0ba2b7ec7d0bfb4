//! DOCX writer (helper B).
