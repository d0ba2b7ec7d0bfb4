//! Saddle stitching (骑马订): which page goes on which half of which side of which sheet.
//!
//! A booklet of `n` pages is padded with blank pages at its end to `m`, a multiple of four, and
//! printed on `m / 4` sheets, two pages a side. Sheet `s` (0 the outermost) carries on its front
//! pages `m − 2s` (left) and `2s + 1` (right), on its back pages `2s + 2` (left) and `m − 2s − 1`
//! (right), so the stack, printed double-sided flipping on the short edge, folded once in the
//! middle and stapled on the fold, reads 1 … n. On 12 sheets of 80 g paper the innermost sheet
//! pushes out by the stack's thickness (about 0.1 mm a sheet, 1.2 mm in all): far inside the
//! 26 mm outer margin and 35 mm foot, so no creep is made up for.

/// One side of a sheet: the page (0-based) on its left and right half; `None` is a blank half.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Side {
    pub left: Option<usize>,
    pub right: Option<usize>,
}

impl Side {
    /// The halves left to right, with their page.
    pub fn halves(self) -> [(Half, Option<usize>); 2] {
        [(Half::Left, self.left), (Half::Right, self.right)]
    }
}

/// The left or the right half of a side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Half {
    Left,
    Right,
}

/// The pages a booklet of `pages` pages is printed on: the page count padded to a multiple of
/// four.
pub fn padded(pages: usize) -> usize {
    pages.div_ceil(4).max(1) * 4
}

/// The sides of a booklet of `pages` pages in print order: sheet 1 front, sheet 1 back, sheet 2
/// front …
pub fn sides(pages: usize) -> Vec<Side> {
    let m = padded(pages);
    let page = |p: usize| (p < pages).then_some(p);
    (0..m / 4)
        .flat_map(|s| {
            [
                Side {
                    left: page(m - 1 - 2 * s),
                    right: page(2 * s),
                },
                Side {
                    left: page(2 * s + 1),
                    right: page(m - 2 - 2 * s),
                },
            ]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(pages: usize) -> Vec<(usize, usize)> {
        sides(pages)
            .into_iter()
            .map(|s| (s.left.map_or(0, |p| p + 1), s.right.map_or(0, |p| p + 1)))
            .collect()
    }

    #[test]
    fn eight_pages_fold_into_two_sheets() {
        assert_eq!(numbers(8), vec![(8, 1), (2, 7), (6, 3), (4, 5)]);
    }

    #[test]
    fn thirteen_pages_take_three_blank_pages_at_the_end() {
        assert_eq!(
            numbers(13),
            vec![
                (0, 1),
                (2, 0),
                (0, 3),
                (4, 13),
                (12, 5),
                (6, 11),
                (10, 7),
                (8, 9)
            ]
        );
    }

    #[test]
    fn every_page_is_printed_once_and_facing_pages_share_a_side() {
        for n in 1..=60 {
            let sides = sides(n);
            assert_eq!(sides.len(), padded(n) / 2);
            let mut seen: Vec<usize> = sides
                .iter()
                .flat_map(|s| [s.left, s.right])
                .flatten()
                .collect();
            seen.sort_unstable();
            assert_eq!(seen, (0..n).collect::<Vec<_>>(), "{n} pages");
            // Each side's halves are two facing pages of the open booklet, or a sheet's outer
            // pair (first and last of the fold): their numbers add up to m + 1 (1-based).
            let m = padded(n);
            for s in &sides {
                if let (Some(l), Some(r)) = (s.left, s.right) {
                    assert_eq!(l + r + 2, m + 1);
                }
            }
        }
    }
}
