/*
 * example.c - print a policy text's documents and the outline of their
 * sections, using libpolicy through pkg-config:
 *
 *   cc -std=c11 example.c $(pkg-config --cflags --libs libpolicy) -o example
 *   ./example notice.txt
 */
#include <policy.h>
#include <stdio.h>

static void outline(const pol_node *parent)
{
    for (const pol_node *n = pol_node_first_child(parent); n; n = pol_node_next(n)) {
        if (pol_node_get_type(n) == POL_NODE_DOCUMENT) {
            const char *title = pol_document_title(n);
            printf("%s: %s\n", pol_document_kind(n), title ? title : "(untitled)");
            outline(n);
        } else if (pol_node_get_type(n) == POL_NODE_SECTION) {
            printf("%*s%-4s%s\n", 2 * pol_section_level(n), "", pol_section_label(n),
                   pol_section_title(n));
            outline(n);
        }
    }
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s FILE\n", argv[0]);
        return 2;
    }
    pol_error err;
    pol_parser *parser = pol_parser_new(POL_OPT_DEFAULT, &err);
    if (!parser)
        return 1;
    pol_result *result;
    if (pol_parse_file(parser, argv[1], &result, &err) != POL_OK) {
        fprintf(stderr, "%s:%u:%u: %s\n", argv[1], err.line, err.column, err.message);
        pol_parser_free(parser);
        return 1;
    }
    outline(pol_result_root(result));
    pol_result_free(result);
    pol_parser_free(parser);
    return 0;
}
