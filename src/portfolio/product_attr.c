/* The product attribute scales' names (include/psirt/product_attr.h): the
 * one list each that the portfolio, SSVC and the policy language spell. */
#include "psirt/product_attr.h"

const char *const psirt_safety_class_names[PSIRT_SAFETY__MAX] = {
    [PSIRT_SAFETY_NEGLIGIBLE] = "negligible",
    [PSIRT_SAFETY_MARGINAL] = "marginal",
    [PSIRT_SAFETY_CRITICAL] = "critical",
    [PSIRT_SAFETY_CATASTROPHIC] = "catastrophic",
};

const char *const psirt_exposure_names[PSIRT_EXPOSURE__MAX] = {
    [PSIRT_EXPOSURE_PHYSICAL] = "physical",
    [PSIRT_EXPOSURE_ADJACENT] = "adjacent",
    [PSIRT_EXPOSURE_LOCAL_NETWORK] = "local-network",
    [PSIRT_EXPOSURE_INTERNET] = "internet",
};

const char *psirt_safety_class_name(enum psirt_safety_class c)
{
	return (unsigned)c < PSIRT_SAFETY__MAX ? psirt_safety_class_names[c] : "?";
}

const char *psirt_exposure_name(enum psirt_exposure e)
{
	return (unsigned)e < PSIRT_EXPOSURE__MAX ? psirt_exposure_names[e] : "?";
}

static int fold(int c)
{
	c = psirt_tolower(c);
	return c == '_' || c == '-' ? ' ' : c;
}

/* ASCII case ignored, ' ', '_' and '-' alike (as SSVC's name look-ups). */
static int parse_name(struct psirt_str s, const char *const *names, int n)
{
	int i;
	size_t k;

	for (i = 0; i < n; i++) {
		for (k = 0; k < s.len && names[i][k]; k++) {
			if (fold((unsigned char)s.p[k]) != fold((unsigned char)names[i][k]))
				break;
		}
		if (k == s.len && !names[i][k])
			return i;
	}
	return -1;
}

int psirt_safety_class_parse(struct psirt_str s)
{
	return parse_name(s, psirt_safety_class_names, PSIRT_SAFETY__MAX);
}

int psirt_exposure_parse(struct psirt_str s)
{
	return parse_name(s, psirt_exposure_names, PSIRT_EXPOSURE__MAX);
}
