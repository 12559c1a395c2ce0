//! Group commit for reviews on SQLite. Every review must be on disk before its 2xx (SQLite
//! runs with `synchronous=FULL`), and a disk sync costs far more than an insert. SQLite has
//! one writer anyway, so one task writes reviews: it takes every review waiting when it is
//! free, stores them in one transaction, syncs once, and only then answers each request.
//! Under load many reviews share a sync; alone, a review waits for no one.
//!
//! PostgreSQL writes concurrent transactions in parallel and flushes their commits together
//! by itself, so there each request stores its review directly.

use tokio::sync::{mpsc, oneshot};

use crate::storage::{NewReview, Storage, StorageError, StoredReceipt};

/// The most reviews one commit takes; more wait for the next.
const MAX_BATCH: usize = 256;
/// Requests that may wait for the writer before new ones wait to be queued.
const QUEUE: usize = 4096;

type Reply = oneshot::Sender<Result<StoredReceipt, StorageError>>;

/// A handle to the writer task (SQLite) or the database (PostgreSQL); cheap to clone.
#[derive(Debug, Clone)]
pub enum ReviewWriter {
    Batched(mpsc::Sender<(NewReview, Reply)>),
    Direct(Storage),
}

impl ReviewWriter {
    /// Starts the writer task on the current runtime, for SQLite, on the writer's own pool
    /// (see [`Storage::writer_pool`]). It ends when the last handle is gone.
    pub async fn start(storage: Storage) -> Result<Self, StorageError> {
        let Some(pool) = storage.writer_pool().await? else {
            return Ok(Self::Direct(storage));
        };
        let (queue, mut jobs) = mpsc::channel::<(NewReview, Reply)>(QUEUE);
        tokio::spawn(async move {
            let mut batch = Vec::with_capacity(MAX_BATCH);
            while jobs.recv_many(&mut batch, MAX_BATCH).await > 0 {
                let (reviews, replies): (Vec<NewReview>, Vec<Reply>) = batch.drain(..).unzip();
                match Storage::insert_reviews_together(&pool, &reviews).await {
                    Ok(outcomes) => {
                        for (reply, outcome) in replies.into_iter().zip(outcomes) {
                            let _ = reply.send(outcome);
                        }
                    }
                    // Nothing of the batch is stored, so each request may simply be retried.
                    Err(e) => {
                        tracing::warn!(error = %e, reviews = reviews.len(), "group commit failed; nothing of it stored");
                        for reply in replies {
                            let _ = reply.send(Err(unavailable_error()));
                        }
                    }
                }
            }
        });
        Ok(Self::Batched(queue))
    }

    /// Stores a review (once per site and idempotency key) and returns when it is durable.
    pub async fn insert(&self, review: NewReview) -> Result<StoredReceipt, StorageError> {
        match self {
            Self::Direct(storage) => storage.insert_review(&review).await,
            Self::Batched(queue) => {
                let (reply, answer) = oneshot::channel();
                queue.send((review, reply)).await.map_err(|_| unavailable_error())?;
                answer.await.map_err(|_| unavailable_error())?
            }
        }
    }
}

/// The error a request gets when its commit could not happen: retry later (503).
fn unavailable_error() -> StorageError {
    StorageError::Unavailable(sqlx::Error::PoolClosed)
}
