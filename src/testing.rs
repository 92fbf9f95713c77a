//! Tables the unit tests share, loaded once per test binary.

use std::sync::OnceLock;

use crate::Resources;
use crate::convert::Converter;
use crate::entities::gazetteer::Gazetteer;
use crate::segment::Segmenter;

fn resources() -> &'static Resources {
    static RESOURCES: OnceLock<Resources> = OnceLock::new();
    RESOURCES.get_or_init(Resources::new)
}

pub fn segmenter() -> &'static Segmenter {
    resources().segmenter()
}

pub fn converter() -> &'static Converter {
    resources().converter()
}

pub fn gazetteer() -> &'static Gazetteer {
    resources().gazetteer()
}
