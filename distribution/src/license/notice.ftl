<#-- NOTICE of the Driftway release tarball, written by license-maven-plugin from the resolved dependency set. -->
Driftway
Copyright the Driftway authors. Licensed under the Apache License, Version 2.0 (LICENSE).

This distribution bundles the following ${dependencyMap?size} third-party artifacts in lib/,
each under the license(s) its own pom declares:

<#list dependencyMap as e>
<#assign project = e.getKey()/>
<#assign licenses = e.getValue()/>
  - ${project.groupId}:${project.artifactId}:${project.version} (<#if licenses?size == 0>no license declared in its pom<#else><#list licenses as l>${l}<#sep>; </#sep></#list></#if>)
</#list>
