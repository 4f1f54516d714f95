/* test-soak.c
 *
 * Copyright 2026 The Byline Authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <http://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * A writer who never stops, and a machine that keeps crashing. Each life is a child process
 * running the whole application (the same BylineApplication as the `byline` binary, forked as
 * in test-recovery.c) on one article, reopened either as `byline ARTICLE` with the session
 * preference off (the draft is found by the file's path) or as `byline` (the session brings
 * it back). The writer types sentences word by word without pausing, pastes some, makes a
 * word bold with the Bold action (Ctrl+B) and edits the Title row of the side panel; it tells
 * the parent what it finished and when. The parent kills it with SIGKILL at a moment drawn
 * from a fixed seed, four times. Every next life must show, before the writer goes on, every
 * sentence and title finished more than the autosave delay before the kill: the promise is
 * that nothing typed longer ago than that is lost.
 */

#include "config.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "byline-application.h"
#include "byline-test-utils.h"
#include "byline-window.h"

#define SAVED_TEXT "---\ntitle: The Harbour\n---\n\nThe saved body.\n"
#define N_KILLS 4
#define SEED 20261207

static const char * const words[] = {
  "the", "harbour", "woke", "slowly", "under", "a", "grey", "sky", "while", "gulls",
  "argued", "over", "nets", "and", "the", "ferry", "sounded", "twice", "before", "leaving",
};

/* What the parent knows, inherited by each life. */
static char *article_path;
static guint life;
static gboolean last_life;
static GPtrArray *required;     /* sentences every next life must show */
static int required_title = -1; /* the life whose title (or a later one) it must show */
static GPtrArray *recent;       /* sentences finished within the delay before the kill */
static int report_fd = -1;

/* The life's own state. */
static BylineApplication *app;
static BylineWindow *window;
static BylineDocument *document;

static BylineWindow *
first_window (void)
{
  for (GList *iter = gtk_application_get_windows (GTK_APPLICATION (app)); iter; iter = iter->next)
    if (BYLINE_IS_WINDOW (iter->data))
      return iter->data;

  return NULL;
}

static char *
document_text (void)
{
  GtkTextIter begin, end;

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (document), &begin, &end);

  return gtk_text_iter_get_slice (&begin, &end);
}

static void
report (const char *format,
        ...) G_GNUC_PRINTF (1, 2);

/* One line to the parent; short enough for the pipe to take it whole. */
static void
report (const char *format,
        ...)
{
  g_autofree char *line = NULL;
  va_list args;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);

  g_assert_cmpuint (strlen (line), <, PIPE_BUF);
  g_assert_cmpint (write (report_fd, line, strlen (line)), ==, (gssize)strlen (line));
}

/* Starting a life: the window, and the draft that must be shown */

static gboolean
window_shown (gpointer data)
{
  return first_window () != NULL;
}

/* Whether the drafts folder holds a draft that differs from the saved file, which the life
 * restores over it. */
static gboolean
draft_waiting (void)
{
  g_autofree char *dir_path = g_build_filename (g_get_user_data_dir (), "io.github.byline.Byline",
                                               "drafts", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autofree char *contents = NULL;

      if (g_file_get_contents (path, &contents, NULL, NULL) && !g_str_equal (contents, SAVED_TEXT) &&
          !g_str_equal (contents, "---\ntitle: The Harbour\n---\n\nThe saved body."))
        return TRUE;
    }

  return FALSE;
}

static char *
title_of_life (guint n)
{
  return g_strdup_printf ("title: Harbour, Life %u\n", n);
}

/* The title that must be back, or one a later life wrote (a later edit replaces it). */
static gboolean
title_shown (const char *text)
{
  if (required_title < 0)
    return TRUE;

  for (guint n = required_title; n < life; n++)
    {
      g_autofree char *title = title_of_life (n);

      if (strstr (text, title) != NULL)
        return TRUE;
    }

  return FALSE;
}

static gboolean
restored (gpointer data)
{
  gboolean expect_draft = GPOINTER_TO_INT (data);
  g_autofree char *text = NULL;

  if (byline_document_get_file (document) == NULL ||
      (expect_draft && !byline_document_get_draft_restored (document)))
    return FALSE;

  text = document_text ();
  for (guint i = 0; i < required->len; i++)
    if (strstr (text, g_ptr_array_index (required, i)) == NULL)
      return FALSE;

  return title_shown (text);
}

/* Says what is missing, before the wait gives up. */
static void
print_missing (void)
{
  g_autofree char *text = document_text ();

  for (guint i = 0; i < required->len; i++)
    if (strstr (text, g_ptr_array_index (required, i)) == NULL)
      g_printerr ("Life %u lost: %s\n", life, (char *)g_ptr_array_index (required, i));
  if (!title_shown (text))
    g_printerr ("Life %u lost the title of life %d\n", life, required_title);
}

static gboolean
restored_or_late (gpointer data)
{
  static gint64 deadline;

  if (deadline == 0)
    deadline = g_get_monotonic_time () + (BYLINE_TEST_WAIT_LIMIT_SECONDS - 5) * G_USEC_PER_SEC;

  if (restored (data))
    return TRUE;

  if (g_get_monotonic_time () > deadline && first_window () != NULL)
    {
      print_missing ();
      return TRUE;
    }

  return FALSE;
}

/* The writer */

typedef enum
{
  TYPING,
  PASTING,
  BOLDING,
} Doing;

typedef struct
{
  GRand   *rand;
  GString *sentence;
  guint    n_sentences;
  guint    word;
  guint    n_words;
  Doing    doing;
  gboolean title_edited;
} Writer;

static void
cursor_to_end (void)
{
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (GTK_TEXT_BUFFER (document), &end);
  gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (document), &end);
}

/* A sentence no other life or sentence writes: "Life 2, sentence 5: the harbour woke…". */
static void
start_sentence (Writer *writer)
{
  g_string_printf (writer->sentence, "Life %u, sentence %u:", life, writer->n_sentences++);
  writer->word = 0;
  writer->n_words = g_rand_int_range (writer->rand, 4, 9);
  cursor_to_end ();
  byline_test_type_text (window, " ");
  byline_test_type_text (window, writer->sentence->str);
}

static void
finish_sentence (Writer *writer)
{
  report ("S %" G_GINT64_FORMAT " %s\n", g_get_monotonic_time (), writer->sentence->str);
}

/* Selects the last word typed and makes it bold, as Ctrl+B does. */
static void
embolden_last_word (void)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_end_iter (GTK_TEXT_BUFFER (document), &end);
  start = end;
  gtk_text_iter_backward_chars (&start, strlen ("bold"));
  gtk_text_buffer_select_range (GTK_TEXT_BUFFER (document), &start, &end);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (byline_page_get_view (byline_window_get_page (window))),
                                             "editor.bold", NULL));
  cursor_to_end ();
}

static void
edit_title (Writer *writer)
{
  GtkWidget *row = byline_test_find_row (GTK_WIDGET (window), ADW_TYPE_ENTRY_ROW, "Title");
  g_autofree char *title = g_strdup_printf ("Harbour, Life %u", life);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), title);
  writer->title_edited = TRUE;
}

static gboolean
title_written (gpointer data)
{
  g_autofree char *text = document_text ();

  return strstr (text, data) != NULL;
}

/* One step of the writer, every 30 ms: a word, a paste, a bold word, or the title. */
static gboolean
write_cb (gpointer data)
{
  Writer *writer = data;
  GtkWidget *view = GTK_WIDGET (byline_page_get_view (byline_window_get_page (window)));

  switch (writer->doing)
    {
    case PASTING:
      {
        g_autofree char *text = document_text ();

        /* The clipboard is read asynchronously. */
        if (strstr (text, writer->sentence->str) == NULL)
          return G_SOURCE_CONTINUE;
        finish_sentence (writer);
        writer->doing = TYPING;
        start_sentence (writer);
        return G_SOURCE_CONTINUE;
      }

    case BOLDING:
      embolden_last_word ();
      writer->doing = TYPING;
      start_sentence (writer);
      return G_SOURCE_CONTINUE;

    case TYPING:
    default:
      break;
    }

  if (writer->word < writer->n_words)
    {
      const char *word = words[g_rand_int_range (writer->rand, 0, G_N_ELEMENTS (words))];
      g_autofree char *typed = g_strconcat (" ", word, NULL);

      byline_test_type_text (window, typed);
      g_string_append (writer->sentence, typed);
      writer->word++;
      return G_SOURCE_CONTINUE;
    }

  byline_test_type_text (window, ".");
  g_string_append_c (writer->sentence, '.');
  finish_sentence (writer);

  /* Now and then something other than typing. */
  if (!writer->title_edited && writer->n_sentences == 2)
    {
      g_autofree char *title = title_of_life (life);

      edit_title (writer);
      byline_test_wait_until (title_written, title, "the title in the front matter");
      report ("T %" G_GINT64_FORMAT " %u\n", g_get_monotonic_time (), life);
    }

  if (writer->n_sentences % 4 == 3)
    {
      g_string_printf (writer->sentence, "Life %u, sentence %u: pasted from my notes.",
                       life, writer->n_sentences++);
      cursor_to_end ();
      byline_test_type_text (window, " ");
      gdk_clipboard_set_text (gtk_widget_get_clipboard (view), writer->sentence->str);
      g_assert_true (gtk_widget_activate_action (view, "clipboard.paste", NULL));
      writer->doing = PASTING;
    }
  else if (writer->n_sentences % 3 == 2)
    {
      cursor_to_end ();
      byline_test_type_text (window, " bold");
      writer->doing = BOLDING;
    }
  else
    {
      start_sentence (writer);
    }

  return G_SOURCE_CONTINUE;
}

static gboolean
live (gpointer data)
{
  gboolean expect_draft = draft_waiting ();
  Writer writer = { 0, };

  byline_test_wait_until (window_shown, NULL, "the window");
  window = first_window ();
  document = byline_page_get_document (byline_window_get_page (window));

  /* Everything finished long enough before the last kill is back before the writer goes on. */
  byline_test_wait_until (restored_or_late, GINT_TO_POINTER (expect_draft), "the article and its draft");
  g_assert_true (restored (GINT_TO_POINTER (expect_draft)));

  /* Which of the sentences the promise did not cover were lost: how far back the loss went. */
  {
    g_autofree char *text = document_text ();

    for (guint i = 0; i < recent->len; i++)
      if (strstr (text, g_ptr_array_index (recent, i)) == NULL)
        report ("L %u\n", i);
  }

  {
    g_autoptr(GSettings) settings = g_settings_new (BASE_ID);

    report ("R %u\n", g_settings_get_uint (settings, "autosave-delay"));
  }
  if (last_life)
    _exit (0);

  writer.rand = g_rand_new_with_seed (SEED + life);
  writer.sentence = g_string_new (NULL);
  start_sentence (&writer);
  g_timeout_add (30, write_cb, &writer);

  /* Until the parent kills the process. */
  for (;;)
    g_main_context_iteration (NULL, TRUE);

  return G_SOURCE_REMOVE;
}

static GSourceFunc pending_step;

static void
start_step (void)
{
  if (pending_step != NULL)
    g_idle_add (g_steal_pointer (&pending_step), NULL);
}

/* Odd lives reopen the article as a file manager would, with the session preference off; even
 * lives start as from the launcher, and the session brings it back. */
static pid_t
spawn_life (void)
{
  gboolean with_file = life % 2 == 0;
  pid_t pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      char *argv[] = { (char *)"byline", article_path, NULL };
      g_autoptr(GSettings) settings = g_settings_new (BASE_ID);

      g_settings_set_boolean (settings, "restore-session", !with_file);
      g_settings_sync ();

      app = byline_application_new (APP_ID, G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
      pending_step = live;
      g_signal_connect_after (app, "activate", G_CALLBACK (start_step), NULL);
      g_signal_connect_after (app, "open", G_CALLBACK (start_step), NULL);
      g_application_run (G_APPLICATION (app), with_file ? 2 : 1, argv);
      _exit (3);
    }

  return pid;
}

static int
wait_child (pid_t pid)
{
  int status = 0;

  while (waitpid (pid, &status, 0) < 0 && errno == EINTR)
    ;

  return status;
}

/* Reads whole lines from @fd into @pending until @deadline (monotonic), or until the end of the
 * pipe when @deadline is 0. Returns %FALSE at the end of the pipe. */
static gboolean
read_lines (int        fd,
            GString   *pending,
            GPtrArray *lines,
            gint64     deadline)
{
  for (;;)
    {
      struct pollfd ready = { fd, POLLIN, 0 };
      int timeout = -1;
      char buffer[4096];
      gssize n;
      char *newline;

      if (deadline != 0)
        {
          gint64 left = deadline - g_get_monotonic_time ();

          if (left <= 0)
            return TRUE;
          timeout = (int)MAX (1, left / 1000);
        }

      if (poll (&ready, 1, timeout) == 0)
        continue;

      n = read (fd, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;

      g_string_append_len (pending, buffer, n);
      while ((newline = strchr (pending->str, '\n')))
        {
          g_ptr_array_add (lines, g_strndup (pending->str, newline - pending->str));
          g_string_erase (pending, 0, newline - pending->str + 1);

          /* The life is up: the parent's clock for the kill starts here. */
          if (deadline == 0 && ((char *)g_ptr_array_index (lines, lines->len - 1))[0] == 'R')
            return TRUE;
        }
    }
}

static void
test_soak (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autoptr(GError) error = NULL;
  g_autofree char *root = g_dir_make_tmp ("byline-soak-XXXXXX", &error);
  g_autofree char *data = NULL;
  g_autofree char *config = NULL;
  g_autofree char *articles = NULL;
  guint n_required_before = 0;
  g_autoptr(GArray) recent_ages = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 oldest_lost = 0;

  g_assert_no_error (error);
  data = g_build_filename (root, "data", NULL);
  config = g_build_filename (root, "config", NULL);
  articles = g_build_filename (root, "articles", NULL);
  g_assert_no_errno (g_mkdir_with_parents (data, 0700));
  g_assert_no_errno (g_mkdir_with_parents (config, 0700));
  g_assert_no_errno (g_mkdir_with_parents (articles, 0700));
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  article_path = g_build_filename (articles, "harbour.md", NULL);
  g_assert_true (g_file_set_contents (article_path, SAVED_TEXT, -1, NULL));

  required = g_ptr_array_new_with_free_func (g_free);
  recent = g_ptr_array_new_with_free_func (g_free);

  for (life = 0; life <= N_KILLS; life++)
    {
      g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GString) pending = g_string_new (NULL);
      gint64 delay = 0, killed_at, kill_after;
      int fds[2];
      int status;
      pid_t pid;

      g_assert_no_errno (pipe (fds));
      report_fd = fds[1];
      last_life = life == N_KILLS;
      pid = spawn_life ();
      close (fds[1]);

      /* Up and showing what it must, or dead trying. */
      if (!read_lines (fds[0], pending, lines, 0))
        {
          kill (pid, SIGKILL);
          wait_child (pid);
          g_error ("Life %u did not show everything typed before the last kill", life);
        }
      g_assert_cmpint (sscanf (g_ptr_array_index (lines, lines->len - 1), "R %" G_GINT64_FORMAT, &delay), ==, 1);
      g_assert_cmpint (delay, >, 0);
      for (guint i = 0; i < lines->len; i++)
        {
          guint lost;

          if (sscanf (g_ptr_array_index (lines, i), "L %u", &lost) == 1 && lost < recent_ages->len)
            oldest_lost = MAX (oldest_lost, g_array_index (recent_ages, gint64, lost));
        }
      g_ptr_array_set_size (lines, 0);
      g_ptr_array_set_size (recent, 0);
      g_array_set_size (recent_ages, 0);

      if (last_life)
        {
          status = wait_child (pid);
          close (fds[0]);
          g_assert_true (WIFEXITED (status));
          g_assert_cmpint (WEXITSTATUS (status), ==, 0);
          break;
        }

      /* Somewhere between the first word and well past a few drafts. */
      kill_after = (gint64)(g_rand_double_range (rand, 1.0, 9.0) * G_USEC_PER_SEC);
      read_lines (fds[0], pending, lines, g_get_monotonic_time () + kill_after);
      killed_at = g_get_monotonic_time ();
      g_assert_no_errno (kill (pid, SIGKILL));
      status = wait_child (pid);
      g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);
      /* What it finished before dying is still in the pipe. */
      read_lines (fds[0], pending, lines, 0);
      close (fds[0]);

      n_required_before = required->len;
      for (guint i = 0; i < lines->len; i++)
        {
          const char *line = g_ptr_array_index (lines, i);
          gint64 at = 0;
          int skip = 0;

          if ((line[0] != 'S' && line[0] != 'T') ||
              sscanf (line + 2, "%" G_GINT64_FORMAT " %n", &at, &skip) != 1 || skip == 0)
            continue;

          /* Finished more than the autosave delay before the kill: it must come back. */
          if (killed_at - at <= delay * G_USEC_PER_SEC)
            {
              gint64 age = killed_at - at;

              if (line[0] == 'S')
                {
                  g_ptr_array_add (recent, g_strdup (line + 2 + skip));
                  g_array_append_val (recent_ages, age);
                }
              continue;
            }

          if (line[0] == 'S')
            g_ptr_array_add (required, g_strdup (line + 2 + skip));
          else
            required_title = (int)strtoul (line + 2 + skip, NULL, 10);
        }

      g_test_message ("Life %u: killed after %.1f s; %u more sentences must come back",
                      life, kill_after / (double)G_USEC_PER_SEC, required->len - n_required_before);
    }

  /* The writer did write, and across the lives much of it had to survive. */
  g_assert_cmpuint (required->len, >, 4);
  g_test_message ("The oldest sentence lost was finished %.2f s before its kill",
                  oldest_lost / (double)G_USEC_PER_SEC);

  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", root);

    if (system (command) != 0)
      g_warning ("Could not remove %s", root);
  }
}

int
main (int   argc,
      char *argv[])
{
  /* Settings persist between lives, as they do for a writer. */
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  /* Each life starts GTK afresh and would look up the accessibility bus again; these tests do not
   * need it, and a bus another test run on the machine took down must not fail them. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/soak/type-and-crash", test_soak);

  return g_test_run ();
}
