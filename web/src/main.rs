//! The app's entry point.

fn main() {
    linggong_web::run();
}
