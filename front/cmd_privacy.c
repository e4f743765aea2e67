/* cmd_privacy.c — doorstep privacy: prints the group's privacy notice
 * (templates/privacy.txt filled from the config), as PRIVACY by mail sends it. */
#include <stdio.h>
#include <stdlib.h>
#include <sysexits.h>

#include "front.h"
#include "log.h"
#include "privacy.h"
#include "render.h"

static int
cmd_privacy(const struct cli *cli)
{
    struct render_ctx rc = {0};
    char err[1024], *templates = NULL, *text = NULL;
    json_t *data = NULL;
    conf *c = NULL;
    int r;

    if ((r = cli_open(cli, &c, NULL)) != 0)
        return r;
    if (!(templates = render_templates_dir(c, err, sizeof err))) {
        log_error("%s", err);
        r = EX_CONFIG;
        goto done;
    }
    rc.conf = c;
    rc.templates = templates;
    if (!(data = privacy_data(c))) {
        log_error("out of memory");
        r = EX_OSERR;
        goto done;
    }
    if (!(text = render_template(&rc, "privacy.txt", data, err, sizeof err))) {
        log_error("%s", err);
        r = EX_CONFIG;
        goto done;
    }
    fputs(text, stdout);
    if (fflush(stdout) != 0)
        r = EX_IOERR;
done:
    free(text);
    json_decref(data);
    free(templates);
    conf_free(c);
    return r;
}

const struct cli_cmd front_privacy = {
    .name = "privacy",
    .synopsis = "",
    .about = "Print the group's privacy notice (templates/privacy.txt), as members get it "
             "by mail with the subject PRIVACY.",
    .run = cmd_privacy,
};
