//! The `stackplan` command: argument parsing and start-up only.

fn main() {
    eprintln!("stackplan: the command line is being built");
}
