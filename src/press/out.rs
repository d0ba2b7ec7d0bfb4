//! Writing a PDF object by object, as it is made: each object is serialised and written out at
//! once, and only its offset is kept (8 bytes an object), so a run of thousands of copies never
//! holds the whole file, or its objects, in memory. The file ends with a classic cross-reference
//! table and trailer (ISO 32000-1, 7.5).

use std::io::{self, Write};

use pdf_lopdf::{Dictionary, Object, ObjectId};

/// A PDF being written to `W`.
pub struct PdfOut<W: Write> {
    out: W,
    /// Bytes written so far: the offset of the next object.
    written: u64,
    /// Offset of each object by id; 0 for an id not written (a free entry).
    offsets: Vec<u64>,
    /// One object's bytes, reused.
    buffer: Vec<u8>,
}

impl<W: Write> PdfOut<W> {
    /// Starts the file: the header and a comment of four high bytes that marks it binary.
    pub fn new(out: W) -> io::Result<PdfOut<W>> {
        let mut pdf = PdfOut {
            out,
            written: 0,
            offsets: Vec::new(),
            buffer: Vec::with_capacity(4096),
        };
        pdf.put(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n")?;
        Ok(pdf)
    }

    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.out.write_all(bytes)?;
        self.written += bytes.len() as u64;
        Ok(())
    }

    /// Writes object `id` (generation 0).
    pub fn write(&mut self, id: u32, object: &Object) -> io::Result<()> {
        let index = id as usize;
        if self.offsets.len() <= index {
            self.offsets.resize(index + 1, 0);
        }
        self.offsets[index] = self.written;
        let mut buffer = std::mem::take(&mut self.buffer);
        buffer.clear();
        writeln!(buffer, "{id} 0 obj")?;
        serialise(&mut buffer, object);
        buffer.extend_from_slice(b"\nendobj\n");
        let result = self.put(&buffer);
        self.buffer = buffer;
        result
    }

    /// Writes a stream object of `dict` (its /Length set here) and `content`.
    pub fn write_stream(&mut self, id: u32, dict: Dictionary, content: Vec<u8>) -> io::Result<()> {
        self.write(
            id,
            &Object::Stream(pdf_lopdf::Stream::new(dict, content).with_compression(false)),
        )
    }

    /// Ends the file: the cross-reference table of every id up to the highest written, and the
    /// trailer naming the catalog `root` and the document information `info`.
    pub fn finish(mut self, root: ObjectId, info: Option<ObjectId>) -> io::Result<W> {
        let xref_at = self.written;
        let size = self.offsets.len().max(1);
        let mut table = Vec::with_capacity(20 * size + 64);
        write!(table, "xref\n0 {size}\n0000000000 65535 f\r\n")?;
        for &offset in &self.offsets[1.min(self.offsets.len())..] {
            if offset == 0 {
                table.extend_from_slice(b"0000000000 00001 f\r\n");
            } else {
                write!(table, "{offset:010} 00000 n\r\n")?;
            }
        }
        let mut trailer = Dictionary::new();
        trailer.set("Size", Object::Integer(size as i64));
        trailer.set("Root", Object::Reference(root));
        if let Some(info) = info {
            trailer.set("Info", Object::Reference(info));
        }
        table.extend_from_slice(b"trailer\n");
        serialise(&mut table, &Object::Dictionary(trailer));
        write!(table, "\nstartxref\n{xref_at}\n%%EOF\n")?;
        self.put(&table)?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// Appends the PDF syntax of `object` (ISO 32000-1, 7.3). Strings are written in hexadecimal,
/// which needs no escaping; a stream's /Length is its content's.
pub fn serialise(out: &mut Vec<u8>, object: &Object) {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(true) => out.extend_from_slice(b"true"),
        Object::Boolean(false) => out.extend_from_slice(b"false"),
        Object::Integer(n) => {
            let _ = write!(out, "{n}");
        }
        Object::Real(r) => real(out, f64::from(*r)),
        Object::Name(name) => self::name(out, name),
        Object::String(bytes, _) => {
            out.push(b'<');
            for b in bytes {
                let _ = write!(out, "{b:02X}");
            }
            out.push(b'>');
        }
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                serialise(out, item);
            }
            out.push(b']');
        }
        Object::Dictionary(dict) => dictionary(out, dict, None),
        Object::Stream(stream) => {
            dictionary(out, &stream.dict, Some(stream.content.len()));
            out.extend_from_slice(b"\nstream\n");
            out.extend_from_slice(&stream.content);
            out.extend_from_slice(b"\nendstream");
        }
        Object::Reference((id, generation)) => {
            let _ = write!(out, "{id} {generation} R");
        }
    }
}

fn dictionary(out: &mut Vec<u8>, dict: &Dictionary, length: Option<usize>) {
    out.extend_from_slice(b"<<");
    for (key, value) in dict.iter() {
        if length.is_some() && key.as_slice() == b"Length" {
            continue;
        }
        name(out, key);
        out.push(b' ');
        serialise(out, value);
    }
    if let Some(length) = length {
        let _ = write!(out, "/Length {length}");
    }
    out.extend_from_slice(b">>");
}

/// A name, with `#xx` for delimiters, white space and bytes outside `!`..`~` (7.3.5).
fn name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &b in name {
        if b"()<>[]{}/%#".contains(&b) || !(b'!'..=b'~').contains(&b) {
            let _ = write!(out, "#{b:02X}");
        } else {
            out.push(b);
        }
    }
}

/// A real number in plain decimal (PDF has no exponent form), at most five decimals.
pub(crate) fn real(out: &mut Vec<u8>, r: f64) {
    let r = if r.is_finite() { r } else { 0.0 };
    let text = format!("{r:.5}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    out.extend_from_slice(if text == "-0" { b"0" } else { text.as_bytes() });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(object: &Object) -> String {
        let mut out = Vec::new();
        serialise(&mut out, object);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn objects_serialise_as_pdf_syntax() {
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"Page".to_vec()));
        dict.set("Odd Name", Object::Name(b"A/B".to_vec()));
        dict.set(
            "Box",
            Object::Array(vec![0.into(), Object::Real(595.2756), Object::Real(-0.0)]),
        );
        dict.set("Ref", Object::Reference((12, 0)));
        dict.set("Title", Object::string_literal("a(b"));
        assert_eq!(
            text(&Object::Dictionary(dict)),
            "<</Type /Page/Odd#20Name /A#2FB/Box [0 595.27557 0]/Ref 12 0 R/Title <612862>>>"
        );
    }

    #[test]
    fn a_written_file_parses_back_with_its_objects() {
        let mut pdf = PdfOut::new(Vec::new()).unwrap();
        let mut catalog = Dictionary::new();
        catalog.set("Type", Object::Name(b"Catalog".to_vec()));
        catalog.set("Pages", Object::Reference((2, 0)));
        pdf.write(1, &Object::Dictionary(catalog)).unwrap();
        let mut pages = Dictionary::new();
        pages.set("Type", Object::Name(b"Pages".to_vec()));
        pages.set("Kids", Object::Array(vec![Object::Reference((4, 0))]));
        pages.set("Count", 1);
        pdf.write(2, &Object::Dictionary(pages)).unwrap();
        // Id 3 is never written: a free entry.
        let mut page = Dictionary::new();
        page.set("Type", Object::Name(b"Page".to_vec()));
        page.set("Parent", Object::Reference((2, 0)));
        page.set(
            "MediaBox",
            Object::Array(vec![0.into(), 0.into(), 595.into(), 842.into()]),
        );
        page.set("Contents", Object::Reference((5, 0)));
        pdf.write(4, &Object::Dictionary(page)).unwrap();
        let mut stale = Dictionary::new();
        stale.set("Length", 99);
        pdf.write_stream(5, stale, b"0 0 m 10 10 l S".to_vec())
            .unwrap();
        let bytes = pdf.finish((1, 0), None).unwrap();
        let doc = pdf_lopdf::Document::load_mem(&bytes).expect("parses");
        assert_eq!(doc.get_pages().len(), 1);
        let page = *doc.get_pages().values().next().unwrap();
        assert_eq!(doc.get_page_content(page).trim_ascii(), b"0 0 m 10 10 l S");
    }
}
