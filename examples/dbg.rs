fn main() {
    for p in std::env::args().skip(1) {
        let t = std::fs::read_to_string(&p).unwrap();
        let mut f1 = zhnews::document::FixLog::default();
        let b = zhnews::repair::repair(&t, &mut f1);
        println!("{:?}", f1.as_slice());
        let mut f0 = zhnews::document::FixLog::default();
        let a = zhnews::repair::byte_shift::repair(&t, &mut f0).is_some();
        println!("{a} {:?} {:?}", b.is_some(), f0.as_slice());
        let d = zhnews::Analyzer::new().clean(&t);
        println!("{:?}", d.fixes.as_slice());
    }
}
#[allow(dead_code)]
fn unused() {}
