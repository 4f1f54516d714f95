/* byline-review-list.c
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

#define G_LOG_DOMAIN "byline-review-list"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "byline-page.h"
#include "byline-review.h"
#include "byline-review-list.h"

/*
 * The Review page of the side panel: the article's suggestions and comments in order, each
 * with Accept and Reject (a comment or a highlight with Resolve), Accept All and Reject All,
 * Previous and Next, and the editor's Suggest mode as a toggle. The buttons run the editor's actions (editor.review-*), so the list
 * holds no text of its own beyond what it shows.
 *
 * The marks are read in a worker from a snapshot of the text, after each render and when the
 * page is shown, and only while it is shown: typing costs nothing more while it is hidden.
 */

#define EXCERPT_CHARS 80

typedef struct
{
  BylineReviewKind  kind;
  guint64           start;
  guint             line;
  char             *title;
  char             *subtitle;
} Item;

struct _BylineReviewList
{
  GtkWidget     parent_instance;

  /* Template widgets */
  GtkStack     *stack;
  GtkListBox   *list_box;
  GtkWidget    *suggest_button;
  GtkWidget    *previous_button;
  GtkWidget    *next_button;
  GtkWidget    *accept_all_button;
  GtkWidget    *reject_all_button;
  GBinding     *suggest_binding;

  BylinePage   *page;
  GSignalGroup *page_signals;
  GCancellable *cancellable;
  GArray       *items;
};

G_DEFINE_FINAL_TYPE (BylineReviewList, byline_review_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
item_clear (gpointer data)
{
  Item *item = data;

  g_clear_pointer (&item->title, g_free);
  g_clear_pointer (&item->subtitle, g_free);
}

static void
append_excerpt (GString    *out,
                const char *text,
                gsize       start,
                gsize       end)
{
  g_autofree char *valid = g_utf8_make_valid (text + start, end - start);
  glong n = g_utf8_strlen (valid, -1);

  for (char *p = valid; *p != '\0'; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';
  if (n > EXCERPT_CHARS)
    {
      *g_utf8_offset_to_pointer (valid, EXCERPT_CHARS) = '\0';
      g_string_append (out, g_strstrip (valid));
      g_string_append (out, "…");
    }
  else
    g_string_append (out, g_strstrip (valid));
}

static const char *
kind_name (BylineReviewKind kind)
{
  switch (kind)
    {
    case BYLINE_REVIEW_ADDITION:
      return _("Addition");
    case BYLINE_REVIEW_DELETION:
      return _("Deletion");
    case BYLINE_REVIEW_SUBSTITUTION:
      return _("Replacement");
    case BYLINE_REVIEW_HIGHLIGHT:
      return _("Highlight");
    case BYLINE_REVIEW_COMMENT:
    default:
      return _("Comment");
    }
}

/* In the worker: the rows' text from a snapshot. */
static GArray *
read_items (GBytes *bytes)
{
  gsize length = 0;
  const char *text = g_bytes_get_data (bytes, &length);
  g_autoptr(GArray) marks = byline_review_parse (text, length);
  GArray *items = g_array_new (FALSE, TRUE, sizeof (Item));

  g_array_set_clear_func (items, item_clear);

  for (guint i = 0; i < marks->len; i++)
    {
      const BylineReviewMark *mark = &g_array_index (marks, BylineReviewMark, i);
      g_autoptr(GString) title = g_string_new (NULL);
      g_autoptr(GString) subtitle = g_string_new (kind_name (mark->kind));
      Item item = { mark->kind, mark->start, mark->line, NULL, NULL };

      if (mark->kind == BYLINE_REVIEW_COMMENT)
        append_excerpt (title, text, mark->comment_start, mark->comment_end);
      else
        append_excerpt (title, text, mark->content_start, mark->content_end);
      if (mark->kind == BYLINE_REVIEW_SUBSTITUTION)
        {
          g_string_append (title, " → ");
          append_excerpt (title, text, mark->new_start, mark->new_end);
        }

      if (mark->author_end > mark->author_start)
        {
          g_string_append (subtitle, " · ");
          append_excerpt (subtitle, text, mark->author_start, mark->author_end);
        }
      g_string_append (subtitle, " · ");
      /* Translators: where a suggestion is, in the review list */
      g_string_append_printf (subtitle, _("line %u"), mark->line);
      if (mark->kind != BYLINE_REVIEW_COMMENT && mark->comment_end > mark->comment_start)
        {
          g_string_append (subtitle, " · ");
          append_excerpt (subtitle, text, mark->comment_start, mark->comment_end);
        }

      item.title = g_string_free (g_steal_pointer (&title), FALSE);
      item.subtitle = g_string_free (g_steal_pointer (&subtitle), FALSE);
      g_array_append_val (items, item);
    }

  return items;
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_task_return_pointer (task, read_items (task_data), (GDestroyNotify)g_array_unref);
}

static GtkWidget *
view_of (BylineReviewList *self)
{
  return self->page ? GTK_WIDGET (byline_page_get_view (self->page)) : NULL;
}

static void
run_on_view (BylineReviewList *self,
             const char       *action,
             guint64           start)
{
  GtkWidget *view = view_of (self);

  if (view != NULL)
    gtk_widget_activate_action (view, action, start == G_MAXUINT64 ? NULL : "t", start);
}

static void
resolve_clicked_cb (GtkButton *button,
                    gpointer   user_data)
{
  BylineReviewList *self = user_data;
  guint64 *start = g_object_get_data (G_OBJECT (button), "start");
  const char *action = g_object_get_data (G_OBJECT (button), "action");

  run_on_view (self, action, *start);
}

static GtkWidget *
resolve_button (BylineReviewList *self,
                const Item       *item,
                const char       *action,
                const char       *icon,
                const char       *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);
  guint64 *start = g_new (guint64, 1);

  *start = item->start;
  g_object_set_data_full (G_OBJECT (button), "start", start, g_free);
  g_object_set_data (G_OBJECT (button), "action", (gpointer)action);
  gtk_widget_set_tooltip_text (button, label);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_signal_connect_object (button, "clicked", G_CALLBACK (resolve_clicked_cb), self, 0);

  return button;
}

static GtkWidget *
create_row (BylineReviewList *self,
            const Item       *item)
{
  GtkWidget *row = adw_action_row_new ();
  gboolean resolve_only = item->kind == BYLINE_REVIEW_COMMENT || item->kind == BYLINE_REVIEW_HIGHLIGHT;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->title[0] != '\0' ? item->title : "…");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), item->subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_add_css_class (row, "review-row");

  if (resolve_only)
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 resolve_button (self, item, "editor.review-accept",
                                                 "object-select-symbolic", _("Resolve")));
    }
  else
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 resolve_button (self, item, "editor.review-reject",
                                                 "window-close-symbolic", _("Reject")));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 resolve_button (self, item, "editor.review-accept",
                                                 "object-select-symbolic", _("Accept")));
    }

  return row;
}

static gboolean
same_items (GArray *a,
            GArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      const Item *x = &g_array_index (a, Item, i);
      const Item *y = &g_array_index (b, Item, i);

      if (x->kind != y->kind || x->start != y->start ||
          strcmp (x->title, y->title) != 0 || strcmp (x->subtitle, y->subtitle) != 0)
        return FALSE;
    }

  return TRUE;
}

static void
set_buttons_sensitive (BylineReviewList *self,
                       gboolean          sensitive)
{
  gtk_widget_set_sensitive (self->previous_button, sensitive);
  gtk_widget_set_sensitive (self->next_button, sensitive);
  gtk_widget_set_sensitive (self->accept_all_button, sensitive);
  gtk_widget_set_sensitive (self->reject_all_button, sensitive);
}

static void
show_items (BylineReviewList *self,
            GArray           *items)
{
  if (same_items (self->items, items))
    return;

  gtk_list_box_remove_all (self->list_box);
  for (guint i = 0; i < items->len; i++)
    gtk_list_box_append (self->list_box, create_row (self, &g_array_index (items, Item, i)));

  g_clear_pointer (&self->items, g_array_unref);
  self->items = g_array_ref (items);

  gtk_stack_set_visible_child_name (self->stack, items->len > 0 ? "list" : "empty");
  set_buttons_sensitive (self, items->len > 0);
}

static void
items_read_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GArray) items = g_task_propagate_pointer (G_TASK (result), NULL);
  BylineReviewList *self;

  if (items == NULL)
    return;

  self = BYLINE_REVIEW_LIST (object);
  show_items (self, items);
}

static void
refresh (BylineReviewList *self)
{
  g_autoptr(GTask) task = NULL;
  GBytes *text;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->page == NULL)
    {
      g_autoptr(GArray) none = g_array_new (FALSE, TRUE, sizeof (Item));

      show_items (self, none);
      return;
    }

  /* Hidden, the list waits until it is shown. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  self->cancellable = g_cancellable_new ();
  text = byline_document_dup_text (byline_page_get_document (self->page));
  task = g_task_new (self, self->cancellable, items_read_cb, NULL);
  g_task_set_source_tag (task, refresh);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_set_task_data (task, text, (GDestroyNotify)g_bytes_unref);
  g_task_run_in_thread (task, read_thread);
}

static void
row_activated_cb (BylineReviewList *self,
                  GtkListBoxRow    *row,
                  GtkListBox       *list_box)
{
  int index = gtk_list_box_row_get_index (row);

  if (index < 0 || (guint)index >= self->items->len)
    return;

  run_on_view (self, "editor.review-select", g_array_index (self->items, Item, index).start);
}

static void
previous_clicked_cb (BylineReviewList *self)
{
  run_on_view (self, "editor.review-previous", G_MAXUINT64);
}

static void
next_clicked_cb (BylineReviewList *self)
{
  run_on_view (self, "editor.review-next", G_MAXUINT64);
}

static void
accept_all_clicked_cb (BylineReviewList *self)
{
  run_on_view (self, "editor.review-accept-all", G_MAXUINT64);
}

static void
reject_all_clicked_cb (BylineReviewList *self)
{
  run_on_view (self, "editor.review-reject-all", G_MAXUINT64);
}

static void
byline_review_list_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (byline_review_list_parent_class)->map (widget);

  refresh (BYLINE_REVIEW_LIST (widget));
}

static void
byline_review_list_dispose (GObject *object)
{
  BylineReviewList *self = BYLINE_REVIEW_LIST (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->page_signals != NULL)
    g_signal_group_set_target (self->page_signals, NULL);
  if (self->suggest_binding != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->suggest_binding), (gpointer *)&self->suggest_binding);
      g_clear_pointer (&self->suggest_binding, g_binding_unbind);
    }
  g_clear_object (&self->page);

  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_REVIEW_LIST);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_first_child (GTK_WIDGET (self)))
    gtk_widget_unparent (child);

  g_clear_object (&self->page_signals);
  g_clear_pointer (&self->items, g_array_unref);

  G_OBJECT_CLASS (byline_review_list_parent_class)->dispose (object);
}

static void
byline_review_list_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  BylineReviewList *self = BYLINE_REVIEW_LIST (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      g_value_set_object (value, byline_review_list_get_page (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_review_list_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  BylineReviewList *self = BYLINE_REVIEW_LIST (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      byline_review_list_set_page (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_review_list_class_init (BylineReviewListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_review_list_dispose;
  object_class->get_property = byline_review_list_get_property;
  object_class->set_property = byline_review_list_set_property;
  widget_class->map = byline_review_list_map;

  /**
   * BylineReviewList:page:
   *
   * The page whose marks are listed: a #BylinePage, or %NULL. Any other widget counts as
   * %NULL, so the property can follow a tab view's selected page.
   */
  properties[PROP_PAGE] =
    g_param_spec_object ("page", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/byline-review-list.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineReviewList, stack);
  gtk_widget_class_bind_template_child (widget_class, BylineReviewList, list_box);
  gtk_widget_class_bind_template_child (widget_class, BylineReviewList, suggest_button);
  gtk_widget_class_bind_template_child (widget_class, BylineReviewList, previous_button);
  gtk_widget_class_bind_template_child (widget_class, BylineReviewList, next_button);
  gtk_widget_class_bind_template_child (widget_class, BylineReviewList, accept_all_button);
  gtk_widget_class_bind_template_child (widget_class, BylineReviewList, reject_all_button);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, previous_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, accept_all_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, reject_all_clicked_cb);
}

static void
byline_review_list_init (BylineReviewList *self)
{
  self->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (self->items, item_clear);

  self->page_signals = g_signal_group_new (BYLINE_TYPE_PAGE);
  g_signal_group_connect_object (self->page_signals, "notify::render-result",
                                 G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);

  gtk_widget_init_template (GTK_WIDGET (self));
  set_buttons_sensitive (self, FALSE);
  gtk_widget_set_sensitive (self->suggest_button, FALSE);
}

GtkWidget *
byline_review_list_new (void)
{
  return g_object_new (BYLINE_TYPE_REVIEW_LIST, NULL);
}

/**
 * byline_review_list_get_page:
 *
 * Returns: (transfer none) (nullable): the page whose marks are listed
 */
GtkWidget *
byline_review_list_get_page (BylineReviewList *self)
{
  g_return_val_if_fail (BYLINE_IS_REVIEW_LIST (self), NULL);

  return self->page ? GTK_WIDGET (self->page) : NULL;
}

void
byline_review_list_set_page (BylineReviewList *self,
                             GtkWidget        *page)
{
  g_return_if_fail (BYLINE_IS_REVIEW_LIST (self));
  g_return_if_fail (page == NULL || GTK_IS_WIDGET (page));

  if (page != NULL && !BYLINE_IS_PAGE (page))
    page = NULL;

  if (!g_set_object (&self->page, (BylinePage *)page))
    return;

  g_signal_group_set_target (self->page_signals, self->page);

  /* The toggle is the page's editor's suggest mode. */
  if (self->suggest_binding != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->suggest_binding), (gpointer *)&self->suggest_binding);
      g_clear_pointer (&self->suggest_binding, g_binding_unbind);
    }
  if (self->page != NULL)
    {
      /* Weak: the binding goes with the view when the page closes. */
      self->suggest_binding = g_object_bind_property (byline_page_get_view (self->page), "suggest-mode",
                                                      self->suggest_button, "active",
                                                      G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
      g_object_add_weak_pointer (G_OBJECT (self->suggest_binding), (gpointer *)&self->suggest_binding);
    }
  gtk_widget_set_sensitive (self->suggest_button, self->page != NULL);
  refresh (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

/**
 * byline_review_list_get_list_box:
 *
 * Returns: (transfer none): the list of marks, one row each
 */
GtkListBox *
byline_review_list_get_list_box (BylineReviewList *self)
{
  g_return_val_if_fail (BYLINE_IS_REVIEW_LIST (self), NULL);

  return self->list_box;
}
