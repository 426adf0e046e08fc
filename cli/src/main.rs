//! `linggong`: data tools on the Linggong engine. Every command reads and writes JSON lines.

use std::process::ExitCode;

fn main() -> ExitCode {
    let (mut stdin, mut stdout, mut stderr) = (
        std::io::stdin().lock(),
        std::io::stdout().lock(),
        std::io::stderr(),
    );
    let mut io = linggong_cli::Io {
        stdin: &mut stdin,
        stdout: &mut stdout,
        stderr: &mut stderr,
    };
    ExitCode::from(linggong_cli::run(std::env::args_os(), &mut io))
}
