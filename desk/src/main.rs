//! The desk's entry point.

fn main() {
    linggong_desk::run();
}
