//! Where a figure is printed on the pages of a PDF, so that a viewer can put a mark on it.

use serde::{Deserialize, Serialize};

/// A box on a page: the page (1-based) and the corners in points from the page's top-left
/// corner (y grows downwards), rounded outward to whole points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PageBox {
    pub page: u32,
    pub x0: u32,
    pub y0: u32,
    pub x1: u32,
    pub y1: u32,
}

impl PageBox {
    /// The box of `page` (1-based) around the corners given in points, rounded outward; None
    /// for corners that are not finite, negative or out of order.
    pub fn around(page: u32, (x0, y0, x1, y1): (f64, f64, f64, f64)) -> Option<PageBox> {
        let fits = |v: f64| v.is_finite() && (0.0..=f64::from(u32::MAX)).contains(&v);
        if ![x0, y0, x1, y1].into_iter().all(fits) || x0 > x1 || y0 > y1 {
            return None;
        }
        // In range and finite: the casts are exact after floor/ceil.
        Some(PageBox {
            page,
            x0: x0.floor() as u32,
            y0: y0.floor() as u32,
            x1: x1.ceil() as u32,
            y1: y1.ceil() as u32,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_round_outward_and_refuse_nonsense() {
        let b = PageBox::around(3, (10.4, 20.6, 30.2, 40.0));
        assert_eq!(
            b,
            Some(PageBox {
                page: 3,
                x0: 10,
                y0: 20,
                x1: 31,
                y1: 40
            })
        );
        assert_eq!(PageBox::around(1, (5.0, 0.0, 4.0, 1.0)), None);
        assert_eq!(PageBox::around(1, (f64::NAN, 0.0, 4.0, 1.0)), None);
        assert_eq!(PageBox::around(1, (-1.0, 0.0, 4.0, 1.0)), None);
    }
}
