package io.driftway.catalogbridge.store;

import static io.driftway.catalogbridge.store.JdbcSupport.isMissingParent;
import static io.driftway.catalogbridge.store.JdbcSupport.isUniqueViolation;
import static io.driftway.catalogbridge.store.JdbcSupport.marks;

import io.driftway.catalogbridge.model.GlueException;
import io.driftway.catalogbridge.model.GlueJson;
import io.driftway.catalogbridge.model.Job;
import io.driftway.catalogbridge.model.JobRun;
import io.driftway.catalogbridge.model.JobRunState;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The jobs ({@code catalog_jobs}) and job runs ({@code catalog_job_runs}) of a JDBC store. */
final class JdbcJobs {

  private final JdbcSupport jdbc;

  JdbcJobs(JdbcSupport jdbc) {
    this.jdbc = jdbc;
  }

  void createJob(Job job) {
    jdbc.write(
        "create job",
        c -> {
          try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO catalog_jobs (name, document, create_time) VALUES (?, ?, ?)")) {
            insert.setString(1, job.name());
            insert.setString(2, GlueJson.writeString(job));
            insert.setLong(3, job.createdOn().toEpochMilli());
            insert.executeUpdate();
          } catch (SQLException e) {
            if (isUniqueViolation(e)) {
              throw GlueException.alreadyExists(
                  "Cannot create job: it already exists: " + job.name());
            }
            throw e;
          }
          return null;
        });
  }

  Optional<Job> getJob(String name) {
    return jdbc.read(
        "get job",
        c -> {
          try (PreparedStatement select =
              c.prepareStatement("SELECT document FROM catalog_jobs WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
              return rs.next()
                  ? Optional.of(GlueJson.read(rs.getString(1), Job.class))
                  : Optional.empty();
            }
          }
        });
  }

  List<Job> listJobs(String afterName, int limit) {
    return jdbc.read(
        "list jobs",
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT document FROM catalog_jobs WHERE name > ? ORDER BY name LIMIT ?")) {
            select.setString(1, afterName == null ? "" : afterName);
            select.setInt(2, limit);
            List<Job> result = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                result.add(GlueJson.read(rs.getString(1), Job.class));
              }
            }
            return result;
          }
        });
  }

  void updateJob(Job job) {
    jdbc.write(
        "update job",
        c -> {
          try (PreparedStatement update =
              c.prepareStatement("UPDATE catalog_jobs SET document = ? WHERE name = ?")) {
            update.setString(1, GlueJson.writeString(job));
            update.setString(2, job.name());
            if (update.executeUpdate() == 0) {
              throw GlueException.notFound("Cannot update job: job not found: " + job.name());
            }
          }
          return null;
        });
  }

  void deleteJob(String name) {
    jdbc.write(
        "delete job",
        c -> {
          try (PreparedStatement delete =
              c.prepareStatement("DELETE FROM catalog_jobs WHERE name = ?")) {
            delete.setString(1, name);
            if (delete.executeUpdate() == 0) {
              throw GlueException.notFound("Cannot delete job: job not found: " + name);
            }
          }
          return null;
        });
  }

  void createJobRun(JobRun run) {
    jdbc.write(
        "start job run",
        c -> {
          try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO catalog_job_runs (id, job_name, state, document)"
                      + " VALUES (?, ?, ?, ?)")) {
            insert.setString(1, run.id());
            insert.setString(2, run.jobName());
            insert.setString(3, run.jobRunState().name());
            insert.setString(4, GlueJson.writeString(run));
            insert.executeUpdate();
          } catch (SQLException e) {
            if (isUniqueViolation(e)) {
              throw GlueException.alreadyExists(
                  "Cannot start job run: the run id is taken: " + run.id());
            }
            if (isMissingParent(e)) {
              throw GlueException.notFound("Cannot start job run: job not found: " + run.jobName());
            }
            throw e;
          }
          return null;
        });
  }

  void updateJobRun(JobRun run) {
    jdbc.write(
        "update job run",
        c -> {
          try (PreparedStatement update =
              c.prepareStatement(
                  "UPDATE catalog_job_runs SET state = ?, document = ? WHERE id = ?")) {
            update.setString(1, run.jobRunState().name());
            update.setString(2, GlueJson.writeString(run));
            update.setString(3, run.id());
            if (update.executeUpdate() == 0) {
              throw GlueException.notFound(
                  "Cannot update job run: run not found: " + run.jobName() + " " + run.id());
            }
          }
          return null;
        });
  }

  Optional<JobRun> getJobRun(String jobName, String runId) {
    return jdbc.read(
        "get job run",
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT document FROM catalog_job_runs WHERE id = ? AND job_name = ?")) {
            select.setString(1, runId);
            select.setString(2, jobName);
            try (ResultSet rs = select.executeQuery()) {
              return rs.next()
                  ? Optional.of(GlueJson.read(rs.getString(1), JobRun.class))
                  : Optional.empty();
            }
          }
        });
  }

  List<StoredJobRun> listJobRuns(String jobName, long beforeSeq, int limit) {
    return jdbc.read(
        "get job runs",
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT seq, document FROM catalog_job_runs WHERE job_name = ? AND seq < ?"
                      + " ORDER BY seq DESC LIMIT ?")) {
            select.setString(1, jobName);
            select.setLong(2, beforeSeq);
            select.setInt(3, limit);
            List<StoredJobRun> result = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                result.add(
                    new StoredJobRun(rs.getLong(1), GlueJson.read(rs.getString(2), JobRun.class)));
              }
            }
            return result;
          }
        });
  }

  List<JobRun> listJobRunsIn(Set<JobRunState> states) {
    if (states.isEmpty()) {
      return List.of();
    }
    return jdbc.read(
        "list job runs",
        c -> {
          String marks = marks(states.size());
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT document FROM catalog_job_runs WHERE state IN ("
                      + marks
                      + ") ORDER BY seq")) {
            int i = 1;
            for (JobRunState state : states) {
              select.setString(i++, state.name());
            }
            List<JobRun> result = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                result.add(GlueJson.read(rs.getString(1), JobRun.class));
              }
            }
            return result;
          }
        });
  }

  Map<JobRunState, Long> countJobRunsByState() {
    return jdbc.read(
        "count job runs",
        c -> {
          try (PreparedStatement select =
                  c.prepareStatement(
                      "SELECT state, COUNT(*) FROM catalog_job_runs GROUP BY state");
              ResultSet rs = select.executeQuery()) {
            Map<JobRunState, Long> counts = new EnumMap<>(JobRunState.class);
            while (rs.next()) {
              counts.put(JobRunState.valueOf(rs.getString(1)), rs.getLong(2));
            }
            return counts;
          }
        });
  }
}
