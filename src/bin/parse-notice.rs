fn main() {
    let path = std::env::args().nth(1).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    match fengong::parse_bytes(&bytes) {
        Ok(n) => println!("{}", serde_json::to_string_pretty(&n).unwrap()),
        Err(e) => eprintln!("error: {path}: {e}"),
    }
}
