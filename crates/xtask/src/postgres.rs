//! `cargo xtask postgres [COMMAND…]`: a throwaway PostgreSQL (from the test kit) for running
//! single tests or poking with psql.

use std::ffi::OsString;
use std::process::Command;

use mingjing_testkit::postgres::ThrowawayPostgres;

use crate::deps;
use crate::util::{self, say};

pub fn run_with(command: &[OsString]) -> anyhow::Result<()> {
    deps::ensure(&[deps::Need::Postgres])?;
    let server = ThrowawayPostgres::start()?;
    let url = server.url();
    say(format!("MINGJING_TEST_POSTGRES_URL={url}"));
    match command.split_first() {
        Some((program, args)) => {
            let mut cmd = Command::new(program);
            cmd.args(args).env("MINGJING_TEST_POSTGRES_URL", &url);
            util::run(&mut cmd)
        }
        None => {
            say(format!("PostgreSQL is listening on 127.0.0.1:{} (Ctrl-C to stop)", server.port()));
            while !util::interrupted() {
                std::thread::sleep(std::time::Duration::from_millis(200));
            }
            Ok(())
        }
    }
}
