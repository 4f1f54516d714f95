/* byline-outline.c
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

#define G_LOG_DOMAIN "byline-outline"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "byline-outline.h"
#include "byline-page.h"
#include "byline-renderer.h"

/*
 * The outline lists the headings of the page's article, one row each, indented by level. The
 * renderer finds them in its worker with each render; the outline only compares them with the
 * rows it shows and changes the rows that differ, so typing keeps the list, its focus and its
 * scroll position as they are.
 *
 * Activating a row sends the page to the heading's line (page.go-to-line). The row of the
 * section the cursor is in, the last heading at or above the cursor's line, is the selected
 * one.
 */

#define INDENT_PER_LEVEL 12

typedef struct
{
  guint  level;
  guint  line;
  char  *text;
} Heading;

struct _BylineOutline
{
  GtkWidget     parent_instance;

  /* Template widgets */
  GtkStack     *stack;
  GtkViewport  *viewport;
  GtkListBox   *list_box;

  BylinePage   *page;
  GSignalGroup *page_signals;
  GSignalGroup *document_signals;

  /* One per row of the list box, in the same order. */
  GArray       *headings;
  guint         min_level;
};

G_DEFINE_FINAL_TYPE (BylineOutline, byline_outline, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
heading_clear (gpointer data)
{
  Heading *heading = data;

  g_clear_pointer (&heading->text, g_free);
}

static void
update_row (BylineOutline *self,
            GtkListBoxRow *row,
            const Heading *heading)
{
  GtkLabel *label = GTK_LABEL (gtk_list_box_row_get_child (row));
  g_autofree char *accessible = NULL;
  gboolean empty = heading->text[0] == '\0';
  const char *text = empty ? _("Untitled Heading") : heading->text;

  gtk_label_set_text (label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row), empty ? NULL : heading->text);
  gtk_widget_set_margin_start (GTK_WIDGET (label),
                               INDENT_PER_LEVEL * (heading->level - self->min_level));
  if (empty)
    gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");

  /* Translators: read by screen readers for a row of the outline, e.g. "Heading level 2: Setup" */
  accessible = g_strdup_printf (_("Heading level %u: %s"), heading->level, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  GTK_ACCESSIBLE_PROPERTY_LEVEL, (int)heading->level,
                                  -1);
}

static GtkListBoxRow *
create_row (void)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);

  return GTK_LIST_BOX_ROW (row);
}

static guint
cursor_line (GtkTextBuffer *buffer)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));

  return gtk_text_iter_get_line (&iter) + 1;
}

/* Selects the row of the section the cursor is in. */
static void
update_selection (BylineOutline *self)
{
  GtkListBoxRow *row = NULL;
  guint lo = 0, hi, line;

  if (self->page != NULL && self->headings->len > 0)
    {
      line = cursor_line (GTK_TEXT_BUFFER (byline_page_get_document (self->page)));

      /* The last heading at or above the line. */
      hi = self->headings->len;
      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;

          if (g_array_index (self->headings, Heading, mid).line <= line)
            lo = mid + 1;
          else
            hi = mid;
        }
      if (lo > 0)
        row = gtk_list_box_get_row_at_index (self->list_box, lo - 1);
    }

  if (row == gtk_list_box_get_selected_row (self->list_box))
    return;

  if (row == NULL)
    {
      gtk_list_box_unselect_all (self->list_box);
      return;
    }

  gtk_list_box_select_row (self->list_box, row);
  if (gtk_widget_get_mapped (GTK_WIDGET (row)))
    gtk_viewport_scroll_to (self->viewport, GTK_WIDGET (row), NULL);
}

static gboolean
same_heading (const Heading *heading,
              guint          level,
              const char    *text)
{
  return heading->level == level && strcmp (heading->text, text) == 0;
}

/* Brings the rows in line with the latest render. Typing changes one heading at most: the rows
 * before and after it are kept as they are (only their lines move), so a long article's outline
 * costs little to update even when a heading comes or goes. */
static void
update_headings (BylineOutline *self)
{
  BylineRenderResult *result = self->page ? byline_page_get_render_result (self->page) : NULL;
  guint n = result ? byline_render_result_get_n_headings (result) : 0;
  guint old_n = self->headings->len;
  guint min_level = 6;
  guint prefix = 0, suffix = 0;
  guint old_middle, new_middle;

  for (guint i = 0; i < n; i++)
    {
      guint level;

      byline_render_result_get_heading (result, i, &level, NULL);
      min_level = MIN (min_level, level);
    }

  /* A new top level indents every row anew. */
  if (min_level == self->min_level)
    {
      guint level;
      const char *text;

      while (prefix < old_n && prefix < n &&
             (text = byline_render_result_get_heading (result, prefix, &level, NULL)) &&
             same_heading (&g_array_index (self->headings, Heading, prefix), level, text))
        prefix++;
      while (suffix < old_n - prefix && suffix < n - prefix &&
             (text = byline_render_result_get_heading (result, n - 1 - suffix, &level, NULL)) &&
             same_heading (&g_array_index (self->headings, Heading, old_n - 1 - suffix), level, text))
        suffix++;
    }
  self->min_level = min_level;

  old_middle = old_n - prefix - suffix;
  new_middle = n - prefix - suffix;
  for (; old_middle > new_middle; old_middle--)
    {
      gtk_list_box_remove (self->list_box,
                           GTK_WIDGET (gtk_list_box_get_row_at_index (self->list_box, prefix)));
      g_array_remove_index (self->headings, prefix);
    }
  for (; old_middle < new_middle; old_middle++)
    {
      Heading added = { 0 };

      added.text = g_strdup ("");
      g_array_insert_val (self->headings, prefix, added);
      gtk_list_box_insert (self->list_box, GTK_WIDGET (create_row ()), prefix);
    }

  for (guint i = prefix; i < prefix + new_middle; i++)
    {
      Heading *heading = &g_array_index (self->headings, Heading, i);
      guint level;
      const char *text = byline_render_result_get_heading (result, i, &level, NULL);

      g_free (heading->text);
      heading->text = g_strdup (text);
      heading->level = level;
      update_row (self, gtk_list_box_get_row_at_index (self->list_box, i), heading);
    }

  for (guint i = 0; i < n; i++)
    byline_render_result_get_heading (result, i, NULL,
                                      &g_array_index (self->headings, Heading, i).line);

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
  update_selection (self);
}

static void
row_activated_cb (BylineOutline *self,
                  GtkListBoxRow *row,
                  GtkListBox    *list_box)
{
  int index = gtk_list_box_row_get_index (row);

  if (self->page == NULL || index < 0 || (guint)index >= self->headings->len)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self->page), "page.go-to-line", "i",
                              (int)g_array_index (self->headings, Heading, index).line);
}

static void
byline_outline_dispose (GObject *object)
{
  BylineOutline *self = BYLINE_OUTLINE (object);

  if (self->page_signals != NULL)
    g_signal_group_set_target (self->page_signals, NULL);
  if (self->document_signals != NULL)
    g_signal_group_set_target (self->document_signals, NULL);
  g_clear_object (&self->page);

  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_OUTLINE);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_first_child (GTK_WIDGET (self)))
    gtk_widget_unparent (child);

  g_clear_object (&self->page_signals);
  g_clear_object (&self->document_signals);
  g_clear_pointer (&self->headings, g_array_unref);

  G_OBJECT_CLASS (byline_outline_parent_class)->dispose (object);
}

static void
byline_outline_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BylineOutline *self = BYLINE_OUTLINE (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      g_value_set_object (value, byline_outline_get_page (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_outline_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  BylineOutline *self = BYLINE_OUTLINE (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      byline_outline_set_page (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_outline_class_init (BylineOutlineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_outline_dispose;
  object_class->get_property = byline_outline_get_property;
  object_class->set_property = byline_outline_set_property;

  /**
   * BylineOutline:page:
   *
   * The page whose headings are listed: a #BylinePage, or %NULL. Any other widget counts as
   * %NULL, so the property can follow a tab view's selected page.
   */
  properties[PROP_PAGE] =
    g_param_spec_object ("page", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/byline-outline.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineOutline, stack);
  gtk_widget_class_bind_template_child (widget_class, BylineOutline, viewport);
  gtk_widget_class_bind_template_child (widget_class, BylineOutline, list_box);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
byline_outline_init (BylineOutline *self)
{
  self->headings = g_array_new (FALSE, TRUE, sizeof (Heading));
  g_array_set_clear_func (self->headings, heading_clear);
  self->min_level = 1;

  self->page_signals = g_signal_group_new (BYLINE_TYPE_PAGE);
  g_signal_group_connect_object (self->page_signals, "notify::render-result",
                                 G_CALLBACK (update_headings), self, G_CONNECT_SWAPPED);
  self->document_signals = g_signal_group_new (GTK_TYPE_TEXT_BUFFER);
  g_signal_group_connect_object (self->document_signals, "notify::cursor-position",
                                 G_CALLBACK (update_selection), self, G_CONNECT_SWAPPED);

  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
byline_outline_new (void)
{
  return g_object_new (BYLINE_TYPE_OUTLINE, NULL);
}

/**
 * byline_outline_get_page:
 *
 * Returns: (transfer none) (nullable): the page whose headings are listed
 */
GtkWidget *
byline_outline_get_page (BylineOutline *self)
{
  g_return_val_if_fail (BYLINE_IS_OUTLINE (self), NULL);

  return self->page ? GTK_WIDGET (self->page) : NULL;
}

void
byline_outline_set_page (BylineOutline *self,
                         GtkWidget     *page)
{
  g_return_if_fail (BYLINE_IS_OUTLINE (self));
  g_return_if_fail (page == NULL || GTK_IS_WIDGET (page));

  if (page != NULL && !BYLINE_IS_PAGE (page))
    page = NULL;

  if (!g_set_object (&self->page, (BylinePage *)page))
    return;

  g_signal_group_set_target (self->page_signals, self->page);
  g_signal_group_set_target (self->document_signals,
                             self->page ? byline_page_get_document (self->page) : NULL);
  update_headings (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

/**
 * byline_outline_get_list_box:
 *
 * Returns: (transfer none): the list of headings, one row each
 */
GtkListBox *
byline_outline_get_list_box (BylineOutline *self)
{
  g_return_val_if_fail (BYLINE_IS_OUTLINE (self), NULL);

  return self->list_box;
}
